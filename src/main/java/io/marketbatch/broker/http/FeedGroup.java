package io.marketbatch.broker.http;

import io.marketbatch.broker.MarketFeed;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import okhttp3.OkHttpClient;

/**
 * One subscription over several connections (Kite: 3000 instruments each). Every
 * connection reconnects by itself; when one stops for good the others are closed and the
 * listener hears {@code onStopped} once. {@code onConnected} and {@code onDisconnected}
 * come per connection.
 */
public final class FeedGroup implements MarketFeed.Subscription {

	private final List<FeedConnection> connections = new ArrayList<>();

	private final AtomicBoolean closed = new AtomicBoolean();

	private final Runnable onClose;

	private FeedGroup(Runnable onClose) {
		this.onClose = onClose;
	}

	/**
	 * Opens one connection per protocol; {@code onClose} runs once, when the group is
	 * closed or stops.
	 */
	public static FeedGroup open(OkHttpClient client, List<? extends FeedProtocol> protocols, FeedSettings settings,
			MarketFeed.Listener listener, Clock clock, Runnable onClose) {
		FeedGroup group = new FeedGroup(onClose);
		AtomicBoolean stopped = new AtomicBoolean();
		// the first stop closes every connection and is the only one passed on
		MarketFeed.Listener once = listener.gatingStops(cause -> {
			if (!stopped.compareAndSet(false, true)) {
				return false;
			}
			group.close();
			return true;
		});
		for (FeedProtocol protocol : protocols) {
			group.connections.add(new FeedConnection(client, protocol, settings, once, clock));
		}
		group.connections.forEach(FeedConnection::start);
		return group;
	}

	/** Whether every connection is up. */
	@Override
	public boolean connected() {
		return !closed.get() && connections.stream().allMatch(FeedConnection::connected);
	}

	public int size() {
		return connections.size();
	}

	@Override
	public void close() {
		if (closed.compareAndSet(false, true)) {
			connections.forEach(FeedConnection::close);
			onClose.run();
		}
	}

}
