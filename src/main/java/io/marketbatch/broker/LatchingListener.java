package io.marketbatch.broker;

import io.marketbatch.market.Tick;

import java.util.function.Consumer;

/**
 * A feed listener that tells the account's token latch when the feed stopped for a
 * rejected token, then passes everything on.
 */
record LatchingListener(MarketFeed.Listener listener,
		Consumer<BrokerAuthException> rejected) implements MarketFeed.Listener {

	@Override
	public void onTick(Tick tick) {
		listener.onTick(tick);
	}

	@Override
	public void onConnected(int attempt) {
		listener.onConnected(attempt);
	}

	@Override
	public void onDisconnected(String reason) {
		listener.onDisconnected(reason);
	}

	@Override
	public void onStopped(BrokerException cause) {
		if (cause instanceof BrokerAuthException auth) {
			rejected.accept(auth);
		}
		listener.onStopped(cause);
	}

}
