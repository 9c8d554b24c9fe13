package io.marketbatch.broker;

import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;

import java.util.List;
import java.util.function.Predicate;

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

		/**
		 * This listener behind a gate on stops: everything else passes on, a stop only
		 * when {@code passOn} says so (it may act on the cause first: latch the account,
		 * close the connections, let only the first stop through).
		 */
		default Listener gatingStops(Predicate<BrokerException> passOn) {
			Listener next = this;
			return new Listener() {

				@Override
				public void onTick(Tick tick) {
					next.onTick(tick);
				}

				@Override
				public void onConnected(int attempt) {
					next.onConnected(attempt);
				}

				@Override
				public void onDisconnected(String reason) {
					next.onDisconnected(reason);
				}

				@Override
				public void onStopped(BrokerException cause) {
					if (passOn.test(cause)) {
						next.onStopped(cause);
					}
				}

			};
		}

	}

	/** An open subscription; closing it closes the connection. */
	interface Subscription extends AutoCloseable {

		boolean connected();

		@Override
		void close();

	}

}
