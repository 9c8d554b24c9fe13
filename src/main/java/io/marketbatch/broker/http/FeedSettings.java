package io.marketbatch.broker.http;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How a streaming feed keeps its connection ({@code marketbatch.<broker>.feed.*}): after
 * a drop it reconnects after {@code firstDelay}·2^n, at most {@code maxDelay}, jittered,
 * and gives up after {@code reconnectAttempts} failed tries in a row; a connection silent
 * for {@code silence} (no frame at all, heartbeats included, on feeds that send them; no
 * answer to a ping on the others) is dropped and made again.
 *
 * @param firstDelay the wait before the first reconnect
 * @param maxDelay the longest wait between two tries
 * @param reconnectAttempts tries in a row before the feed stops
 * @param silence how long a connection may stay silent
 */
public record FeedSettings(@DefaultValue("2s") Duration firstDelay, @DefaultValue("30s") Duration maxDelay,
		@DefaultValue("10") int reconnectAttempts, @DefaultValue("10s") Duration silence) {

	/** Kite's own client: 2 s doubling to 30 s, 10 tries; 10 s of silence. */
	public static final FeedSettings DEFAULTS = new FeedSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), 10,
			Duration.ofSeconds(10));

	public FeedSettings {
		if (firstDelay.isNegative() || firstDelay.isZero() || maxDelay.compareTo(firstDelay) < 0) {
			throw new IllegalArgumentException(
					"feed.first-delay must be positive and feed.max-delay at least as long, got " + firstDelay + " and "
							+ maxDelay);
		}
		if (reconnectAttempts < 0) {
			throw new IllegalArgumentException("feed.reconnect-attempts must be 0 or more, got " + reconnectAttempts);
		}
		if (silence.isNegative() || silence.isZero()) {
			throw new IllegalArgumentException("feed.silence must be positive, got " + silence);
		}
	}

	/**
	 * The wait before try {@code failures} (1, 2, ...): half of firstDelay·2^(failures-1)
	 * capped at maxDelay, plus a random part up to the other half, so that many clients
	 * dropped at once do not come back at once.
	 */
	public Duration delay(int failures) {
		long first = firstDelay.toMillis();
		long exponential = first << Math.min(Math.max(failures - 1, 0), 20);
		long capped = Math.min(exponential, maxDelay.toMillis());
		long half = capped / 2;
		return Duration.ofMillis(capped - half + ThreadLocalRandom.current().nextLong(half + 1));
	}

}
