package io.marketbatch.broker.http;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.market.Tick;

import java.time.Instant;
import java.util.function.Consumer;

import okhttp3.Request;
import okhttp3.WebSocket;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * What one broker's streaming feed says over its WebSocket: how to open a connection, how
 * to subscribe on it, and what its frames mean. {@link FeedConnection} does the rest
 * (reconnecting, silence, stopping on a refused token).
 */
public interface FeedProtocol {

	/** For log lines and messages: "kite ticker". */
	String name();

	/**
	 * The upgrade request of a new connection; asked before every try (Upstox's URL is
	 * single-use; a renewed token is picked up).
	 * @throws BrokerAuthException when there is no token or the broker refuses it: the
	 * feed stops
	 * @throws io.marketbatch.broker.BrokerException on other trouble: retried
	 */
	Request connectRequest();

	/**
	 * What the broker's refusal of the upgrade with HTTP {@code status} means: a rejected
	 * token (the feed stops at once), or null (retried).
	 */
	@Nullable BrokerAuthException upgradeRefused(int status);

	/** Subscribes, with the mode, on a fresh connection. */
	void subscribe(WebSocket socket);

	/**
	 * Whether the server sends frames when idle (Kite's heartbeat), so silence is death.
	 */
	boolean heartbeats();

	/**
	 * The ticks of one binary frame.
	 * @throws io.marketbatch.broker.BrokerDataException for a frame it cannot read:
	 * skipped
	 * @throws io.marketbatch.broker.BrokerException another when the frame ends the feed
	 * (Dhan's disconnect packet; a {@link BrokerAuthException} for an expired token)
	 */
	void onBinary(ByteString frame, Instant receivedAt, Consumer<Tick> ticks);

	/** A text frame (Kite's errors and order updates). */
	default void onText(String text) {
	}

}
