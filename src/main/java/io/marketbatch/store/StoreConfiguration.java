package io.marketbatch.store;

import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.util.function.Supplier;
import javax.sql.DataSource;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The database side every job and query uses: the SQL of this database (chosen once), the
 * calendar, instruments, completeness, and the idempotent writers.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketBatchProperties.class)
public class StoreConfiguration {

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

	@Bean
	CalendarMismatches calendarMismatches(JdbcClient jdbc) {
		return new CalendarMismatches(jdbc);
	}

	@Bean
	CandleCoverage candleCoverage(JdbcTemplate jdbc, SqlDialect dialect) {
		return new CandleCoverage(jdbc, dialect, TradingCalendar.IST);
	}

	/**
	 * The exchange calendar as the simulated broker reads it (broker/ never sees the
	 * store).
	 */
	@Bean
	Supplier<TradingCalendar> tradingCalendar(CalendarRepository calendars) {
		return calendars::load;
	}

	@Bean
	BrokerTokenTable brokerTokenTable(JdbcClient jdbc, TransactionTemplate transactions) {
		return new BrokerTokenTable(jdbc, transactions);
	}

	@Bean
	SyncStatusWriter syncStatusWriter(JdbcTemplate jdbc, SqlDialect dialect, Clock clock) {
		return new SyncStatusWriter(jdbc, dialect, clock);
	}

	@Bean
	CandleWriter candleWriter(DataSource dataSource, SqlDialect dialect, SyncStatusWriter syncStatus,
			CandleCoverage coverage, Clock clock) {
		return new CandleWriter(dataSource, dialect, syncStatus, coverage, clock);
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
