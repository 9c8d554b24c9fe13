package io.marketbatch.broker;

import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;

import java.util.List;

/**
 * A broker's streaming feed (Kite ticker, Upstox market-data feed V3, the simulator's
 * ticks). One subscription holds one connection: it reconnects by itself with backoff and
 * resubscribes after a drop, and stops for good when the broker refuses the token.
 */
public interface MarketFeed {

	/**
	 * Connects and subscribes {@code instruments} (each with its broker key); ticks flow
	 * to {@code listener} on the feed's own thread until the subscription is closed.
	 */
	Subscription subscribe(List<Instrument> instruments, Listener listener);

	/**
	 * What a subscription tells its owner. Called from the feed's thread; never blocks.
	 */
	interface Listener {

		void onTick(Tick tick);

		/**
		 * Connected and subscribed; {@code attempt} is 0 the first time, then 1, 2, ...
		 */
		default void onConnected(int attempt) {
		}

		/** The connection dropped; the feed reconnects by itself. */
		default void onDisconnected(String reason) {
		}

		/**
		 * The feed stopped for good: a {@link BrokerAuthException} when the token was
		 * refused, a {@link BrokerUnavailableException} when reconnecting gave up.
		 */
		void onStopped(BrokerException cause);

	}

	/** An open subscription; closing it closes the connection. */
	interface Subscription extends AutoCloseable {

		boolean connected();

		@Override
		void close();

	}

}
