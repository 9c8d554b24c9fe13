package io.marketbatch.support;

import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.MarketFeed;
import io.marketbatch.market.Tick;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

/** What a feed told its listener, in order, for the feed tests. */
public final class RecordingFeedListener implements MarketFeed.Listener {

	public final List<Tick> ticks = new CopyOnWriteArrayList<>();

	public final List<Integer> connected = new CopyOnWriteArrayList<>();

	public final List<String> disconnected = new CopyOnWriteArrayList<>();

	public final AtomicReference<BrokerException> stopped = new AtomicReference<>();

	/** How often onStopped was called (once at most). */
	public final List<BrokerException> stops = new CopyOnWriteArrayList<>();

	@Override
	public void onTick(Tick tick) {
		ticks.add(tick);
	}

	@Override
	public void onConnected(int attempt) {
		connected.add(attempt);
	}

	@Override
	public void onDisconnected(String reason) {
		disconnected.add(reason);
	}

	@Override
	public void onStopped(BrokerException cause) {
		stops.add(cause);
		stopped.set(cause);
	}

}
