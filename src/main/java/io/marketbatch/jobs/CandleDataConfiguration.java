package io.marketbatch.jobs;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.store.BarWriter;
import io.marketbatch.store.CalendarMismatches;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.CandleCoverage;
import io.marketbatch.store.CandleStore;
import io.marketbatch.store.CandleWriter;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.CoveragePolicy;
import io.marketbatch.store.SyncStatusWriter;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What the candle jobs share: completeness judged by the broker in use (its settle lag
 * and history depth), the calendar-drift recorder, and the bar builder and writer.
 */
@Configuration(proxyBeanMethods = false)
public class CandleDataConfiguration {

	@Bean
	Completeness completeness(JdbcClient jdbc, CalendarRepository calendars, CandleCoverage coverage,
			MarketDataSource broker, Clock clock) {
		return new Completeness(jdbc, calendars::load, calendars, coverage, clock, policy(broker));
	}

	/** How completeness reads the broker's answers: its settle lag and history depth. */
	public static CoveragePolicy policy(MarketDataSource broker) {
		return new CoveragePolicy(broker.limits().settleLag(), today -> broker.limits().historyStart(today));
	}

	@Bean
	CalendarDrift calendarDrift(CalendarMismatches mismatches, Clock clock) {
		return new CalendarDrift(mismatches, clock);
	}

	@Bean
	DayAggregator dayAggregator(CalendarRepository calendars, CandleStore candles, Clock clock) {
		return new DayAggregator(calendars, candles, clock);
	}

	@Bean
	BarWriter barWriter(CandleWriter candles, CandleCoverage coverage, SyncStatusWriter syncStatus, JdbcTemplate jdbc,
			Clock clock) {
		return new BarWriter(candles, coverage, syncStatus, jdbc, clock);
	}

}
