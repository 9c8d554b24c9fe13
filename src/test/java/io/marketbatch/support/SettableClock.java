package io.marketbatch.support;

import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * A clock that keeps ticking from an instant a test can move, so one cached context can
 * stand after the close for backfills and inside a minute for a price snapshot (which is
 * only taken live). {@link #reset()} goes back to {@code marketbatch.now}.
 */
public final class SettableClock extends Clock {

	private final Instant start;

	private volatile Duration offset;

	public SettableClock(Instant start) {
		this.start = start;
		this.offset = offsetTo(start);
	}

	/** Ticks on from {@code now}. */
	public void set(Instant now) {
		this.offset = offsetTo(now);
	}

	/** Ticks on from {@code seconds} into {@code minute} (IST, yyyy-MM-ddTHH:mm). */
	public void setInside(String minute, int seconds) {
		set(LocalDateTime.parse(minute).atZone(TradingCalendar.IST).toInstant().plusSeconds(seconds));
	}

	/** Back to the context's {@code marketbatch.now}. */
	public void reset() {
		set(start);
	}

	private static Duration offsetTo(Instant now) {
		return Duration.between(Instant.now(), now);
	}

	@Override
	public ZoneId getZone() {
		return TradingCalendar.IST;
	}

	@Override
	public Clock withZone(ZoneId zone) {
		return Clock.offset(Clock.system(zone), offset);
	}

	@Override
	public Instant instant() {
		return Instant.now().plus(offset);
	}

	/** Import it to replace the context's clock. */
	@TestConfiguration(proxyBeanMethods = false)
	public static class Config {

		@Bean
		@Primary
		SettableClock settableClock(MarketBatchProperties properties) {
			return new SettableClock(properties.pretendedNow().orElseGet(Instant::now));
		}

	}

}
