package io.marketbatch;

import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.CandleStore;
import io.marketbatch.store.CandleWriter;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.store.InstrumentWriter;
import io.marketbatch.store.LtpSnapshotWriter;
import io.marketbatch.store.SqlDialect;
import io.marketbatch.store.SyncStatusWriter;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;

/**
 * The shared parts every job uses: clock, calendar, broker, database readers and writers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketBatchProperties.class)
public class MarketBatchConfiguration {

	@Bean
	Clock clock(MarketBatchProperties properties) {
		Clock system = Clock.system(TradingCalendar.IST);
		// a pretended "now" keeps ticking from the given instant, so schedules still
		// advance
		return properties.pretendedNow()
			.map(now -> Clock.offset(system, Duration.between(system.instant(), now)))
			.orElse(system);
	}

	@Bean
	SqlDialect sqlDialect(DataSource dataSource) {
		return SqlDialect.of(dataSource);
	}

	@Bean
	CalendarRepository calendarRepository(JdbcClient jdbc, MarketBatchProperties properties) {
		return new CalendarRepository(jdbc, properties.exchange(), properties.calendar().alwaysOpen());
	}

	@Bean
	InstrumentDirectory instrumentDirectory(JdbcClient jdbc, MarketBatchProperties properties) {
		return new InstrumentDirectory(jdbc, properties.broker(), properties.exchange());
	}

	@Bean
	CandleStore candleStore(JdbcClient jdbc) {
		return new CandleStore(jdbc);
	}

	/**
	 * The exchange calendar as the simulated broker reads it (broker/ never sees the
	 * store).
	 */
	@Bean
	Completeness completeness(JdbcClient jdbc, CalendarRepository calendars) {
		return new Completeness(jdbc, calendars::load);
	}

	@Bean
	Supplier<TradingCalendar> tradingCalendar(CalendarRepository calendars) {
		return calendars::load;
	}

	/**
	 * Broker calls in flight at once inside a step; each chunk's items are fetched
	 * concurrently.
	 */
	@Bean
	AsyncTaskExecutor brokerCallExecutor(MarketBatchProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(Math.max(1, properties.concurrency()));
		executor.setMaxPoolSize(Math.max(1, properties.concurrency()));
		executor.setThreadNamePrefix("broker-");
		executor.setDaemon(true);
		return executor;
	}

	@Bean
	SyncStatusWriter syncStatusWriter(JdbcTemplate jdbc, SqlDialect dialect, Clock clock) {
		return new SyncStatusWriter(jdbc, dialect, clock);
	}

	@Bean
	CandleWriter candleWriter(DataSource dataSource, SqlDialect dialect, SyncStatusWriter syncStatus, Clock clock) {
		return new CandleWriter(dataSource, dialect, syncStatus, clock);
	}

	@Bean
	LtpSnapshotWriter ltpSnapshotWriter(JdbcTemplate jdbc, SqlDialect dialect, SyncStatusWriter syncStatus) {
		return new LtpSnapshotWriter(jdbc, dialect, syncStatus);
	}

	@Bean
	InstrumentWriter instrumentWriter(JdbcTemplate jdbc, SqlDialect dialect, MarketBatchProperties properties,
			Clock clock) {
		return new InstrumentWriter(jdbc, dialect, properties.broker(), clock);
	}

}
