package io.marketbatch.support;

import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock running {@link #SPEED} times faster than the wall clock from where it was last
 * set, so live work (a feed, a watermark) passes a minute in 3 s.
 */
public final class FastClock extends Clock {

	public static final int SPEED = 20;

	private volatile Instant base = Instant.now();

	private volatile long baseNanos = System.nanoTime();

	/** Runs on fast from {@code now}. */
	public synchronized void set(Instant now) {
		baseNanos = System.nanoTime();
		base = now;
	}

	@Override
	public synchronized Instant instant() {
		return base.plusNanos((System.nanoTime() - baseNanos) * SPEED);
	}

	@Override
	public ZoneId getZone() {
		return TradingCalendar.IST;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(Clock.system(zone), Duration.between(Instant.now(), instant()));
	}

	/** Import it to replace the context's clock. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		@Primary
		FastClock fastClock() {
			return new FastClock();
		}

	}

}
