package io.marketbatch.broker.http;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.BrokerUnavailableException;
import io.marketbatch.broker.MarketFeed;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One streaming connection that keeps itself up (OkHttp's WebSocket client): it
 * subscribes, hands each frame's ticks to the listener on OkHttp's reader thread, and
 * after a drop, a failed try or a silence reconnects after a jittered, growing delay and
 * subscribes again. One thread decides, so a drop seen twice (closing, failure) makes one
 * try. A refused token stops it at once, too many failed tries with a
 * {@link BrokerUnavailableException}.
 */
public final class FeedConnection implements MarketFeed.Subscription {

	private static final Logger log = LoggerFactory.getLogger(FeedConnection.class);

	private final OkHttpClient client;

	private final FeedProtocol protocol;

	private final FeedSettings settings;

	private final MarketFeed.Listener listener;

	private final Clock clock;

	/** Where every decision about the connection is made, one at a time. */
	private final ScheduledExecutorService control;

	/** The connection in use; frames and events of an older one are ignored. */
	private volatile int generation;

	private volatile @Nullable WebSocket socket;

	private volatile long lastFrameNanos;

	private volatile boolean frameSeen;

	private volatile boolean connected;

	private volatile boolean closed;

	/** Touched on the control thread only. */
	private int failures;

	private int connections;

	public FeedConnection(OkHttpClient client, FeedProtocol protocol, FeedSettings settings,
			MarketFeed.Listener listener, Clock clock) {
		this.client = client;
		this.protocol = protocol;
		this.settings = settings;
		this.listener = listener;
		this.clock = clock;
		this.control = Executors.newSingleThreadScheduledExecutor(r -> {
			Thread thread = new Thread(r, protocol.name().replace(' ', '-'));
			thread.setDaemon(true);
			return thread;
		});
	}

	/** Makes the first connection (in the background) and watches for silence. */
	public FeedConnection start() {
		post(this::connect);
		long every = Math.max(settings.silence().toMillis() / 4, 10);
		control.scheduleWithFixedDelay(this::checkSilence, every, every, TimeUnit.MILLISECONDS);
		return this;
	}

	@Override
	public boolean connected() {
		return connected;
	}

	@Override
	public void close() {
		if (closed) {
			return;
		}
		closed = true;
		connected = false;
		WebSocket current = socket;
		if (current != null) {
			current.close(1000, "unsubscribed");
		}
		control.shutdownNow();
	}

	private void connect() {
		if (closed) {
			return;
		}
		int gen = ++generation;
		frameSeen = false;
		lastFrameNanos = System.nanoTime();
		Request request;
		try {
			request = protocol.connectRequest();
		}
		catch (BrokerAuthException e) {
			stop(e);
			return;
		}
		catch (BrokerException e) {
			lost(gen, e.getMessage());
			return;
		}
		socket = client.newWebSocket(request, new Events(gen));
	}

	private void opened(int gen, WebSocket webSocket) {
		if (closed || gen != generation) {
			webSocket.cancel();
			return;
		}
		protocol.subscribe(webSocket);
		connected = true;
		int attempt = connections++;
		log.info("{}: connected and subscribed{}", protocol.name(),
				attempt == 0 ? "" : " again (reconnect " + attempt + ")");
		listener.onConnected(attempt);
	}

	/** The connection {@code gen} is gone: one new try after the backoff, or stop. */
	private void lost(int gen, String reason) {
		if (closed || gen != generation) {
			return;
		}
		generation++;
		dropSocket();
		if (frameSeen) {
			// the lost connection worked: count the tries afresh
			failures = 0;
		}
		if (connected) {
			connected = false;
			listener.onDisconnected(reason);
		}
		failures++;
		if (failures > settings.reconnectAttempts()) {
			stop(new BrokerUnavailableException(protocol.name() + ": gave up after " + settings.reconnectAttempts()
					+ " reconnects in a row failed; last: " + reason));
			return;
		}
		Duration delay = settings.delay(failures);
		log.warn("{}: {}; reconnecting in {} ms (try {} of {})", protocol.name(), reason, delay.toMillis(), failures,
				settings.reconnectAttempts());
		control.schedule(this::connect, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void stop(BrokerException cause) {
		if (closed) {
			return;
		}
		log.error("{}: stopped: {}", protocol.name(), cause.getMessage());
		closed = true;
		connected = false;
		dropSocket();
		control.shutdown();
		listener.onStopped(cause);
	}

	/** Connection {@code gen} failed: a refused token stops the feed, else reconnect. */
	private void end(int gen, @Nullable BrokerException refused, String reason) {
		if (refused != null && !closed && gen == generation) {
			stop(refused);
		}
		else {
			lost(gen, reason);
		}
	}

	private void dropSocket() {
		WebSocket old = socket;
		socket = null;
		if (old != null) {
			old.cancel();
		}
	}

	private void checkSilence() {
		if (socket == null || closed) {
			return;
		}
		Duration silent = Duration.ofNanos(System.nanoTime() - lastFrameNanos);
		// a feed without heartbeats is quiet with the market: OkHttp's pings watch it
		boolean watched = protocol.heartbeats() || !connected;
		if (watched && silent.compareTo(settings.silence()) > 0) {
			lost(generation, (connected ? "no frame for " : "no connection after ") + silent.toMillis() + " ms");
		}
	}

	private void post(Runnable task) {
		try {
			control.execute(task);
		}
		catch (RejectedExecutionException e) {
			// closed or stopped: nothing more to decide
		}
	}

	/** OkHttp's events of one connection, handed to the control thread. */
	private final class Events extends WebSocketListener {

		private final int gen;

		Events(int gen) {
			this.gen = gen;
		}

		/** A frame of this connection: it is alive. */
		private boolean framed() {
			if (closed || gen != generation) {
				return false;
			}
			lastFrameNanos = System.nanoTime();
			frameSeen = true;
			return true;
		}

		@Override
		public void onOpen(WebSocket webSocket, Response response) {
			post(() -> opened(gen, webSocket));
		}

		@Override
		public void onMessage(WebSocket webSocket, ByteString bytes) {
			if (!framed()) {
				return;
			}
			try {
				protocol.onBinary(bytes, clock.instant(), listener::onTick);
			}
			catch (RuntimeException e) {
				if (e instanceof BrokerException fatal && !(e instanceof BrokerDataException)) {
					post(() -> end(gen, fatal, fatal.getMessage()));
				}
				else {
					log.warn("{}: skipped a frame of {} bytes it cannot read: {}", protocol.name(), bytes.size(),
							e.toString());
				}
			}
		}

		@Override
		public void onMessage(WebSocket webSocket, String text) {
			if (!framed()) {
				return;
			}
			try {
				protocol.onText(text);
			}
			catch (RuntimeException e) {
				log.warn("{}: skipped a text frame it cannot read: {}", protocol.name(), e.toString());
			}
		}

		@Override
		public void onClosing(WebSocket webSocket, int code, String reason) {
			webSocket.close(1000, null);
			post(() -> lost(gen, "closed by the broker (" + code + (reason.isEmpty() ? "" : " " + reason) + ")"));
		}

		@Override
		public void onClosed(WebSocket webSocket, int code, String reason) {
			post(() -> lost(gen, "closed (" + code + ")"));
		}

		@Override
		public void onFailure(WebSocket webSocket, Throwable t, @Nullable Response response) {
			BrokerAuthException refused = response == null ? null : protocol.upgradeRefused(response.code());
			String reason = response != null ? "upgrade refused with HTTP " + response.code()
					: "connection failed: " + t.getClass().getSimpleName() + " " + t.getMessage();
			post(() -> end(gen, refused, reason));
		}

	}

}
