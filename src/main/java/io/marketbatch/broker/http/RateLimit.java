package io.marketbatch.broker.http;

import io.marketbatch.broker.BrokerUnavailableException;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.local.LocalBucketBuilder;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;

/**
 * One broker account's request limits (e.g. Upstox 50/s, 500/min, 2000/30 min), shared by
 * every job in the process, on Bucket4j token buckets. Each "N per window" becomes a
 * bucket of capacity C refilled with N - C tokens per window (plus 2%), so no sliding
 * window of that length ever sees more than N requests, bursts at window edges included.
 * C is a tenth of N for short windows (a smooth rate) and half of N for long ones (a
 * backfill may spend half the 30-minute allowance at the per-minute pace before the long
 * window slows it). Callers block until allowed.
 */
public final class RateLimit {

	/** At most {@code requests} in any {@code window}. */
	public record Window(int requests, Duration window) {
	}

	private final String name;

	private final Bucket bucket;

	private final AtomicLong waitedNanos = new AtomicLong();

	private final AtomicLong acquired = new AtomicLong();

	public RateLimit(String name, List<Window> windows) {
		this.name = name;
		LocalBucketBuilder builder = Bucket.builder();
		for (Window w : windows) {
			long burst = Math.max(1,
					w.window().compareTo(Duration.ofMinutes(10)) >= 0 ? w.requests() / 2 : w.requests() / 10);
			long refill = Math.max(1, w.requests() - burst);
			Duration period = Duration.ofNanos((long) (w.window().toNanos() * 1.02));
			builder.addLimit(Bandwidth.builder().capacity(burst).refillGreedy(refill, period).build());
		}
		this.bucket = builder.build();
		FunctionCounter.builder("marketbatch.broker.ratelimit.wait", waitedNanos, n -> n.get() / 1e9)
			.baseUnit("seconds")
			.description("time broker requests waited for the account's rate limit")
			.tag("limit", name)
			.register(Metrics.globalRegistry);
	}

	public static RateLimit of(String name, Window... windows) {
		return new RateLimit(name, List.of(windows));
	}

	public static Window perSecond(int n) {
		return new Window(n, Duration.ofSeconds(1));
	}

	public static Window perMinute(int n) {
		return new Window(n, Duration.ofMinutes(1));
	}

	public static Window per(int n, Duration window) {
		return new Window(n, window);
	}

	/** Blocks until one more request is allowed. */
	public void acquire() {
		long start = System.nanoTime();
		try {
			bucket.asBlocking().consume(1);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BrokerUnavailableException(name + ": interrupted while waiting for the rate limit");
		}
		waitedNanos.addAndGet(System.nanoTime() - start);
		acquired.incrementAndGet();
	}

	public String name() {
		return name;
	}

	/** Total time callers spent waiting for this limit. */
	public Duration waited() {
		return Duration.ofNanos(waitedNanos.get());
	}

	public long acquired() {
		return acquired.get();
	}

}
