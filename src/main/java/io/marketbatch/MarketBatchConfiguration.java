package io.marketbatch;

import io.marketbatch.market.TradingCalendar;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.broker.dhan.DhanClient;
import io.marketbatch.broker.fyers.FyersClient;
import io.marketbatch.broker.kite.KiteClient;
import io.marketbatch.broker.upstox.UpstoxClient;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.CandleStore;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.store.CandleWriter;
import io.marketbatch.store.InstrumentWriter;
import io.marketbatch.store.LtpSnapshotWriter;
import io.marketbatch.store.SqlDialect;
import io.marketbatch.store.SyncStatusWriter;

import java.time.Clock;
import java.time.Duration;

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
		return properties.getNow() == null ? system
				: Clock.offset(system, Duration.between(system.instant(), properties.getNow()));
	}

	@Bean
	SqlDialect sqlDialect(DataSource dataSource) {
		return SqlDialect.of(dataSource);
	}

	@Bean
	CalendarRepository calendarRepository(JdbcClient jdbc, MarketBatchProperties properties) {
		return new CalendarRepository(jdbc, properties.getExchange(), properties.getCalendar().isAlwaysOpen());
	}

	@Bean
	InstrumentDirectory instrumentDirectory(JdbcClient jdbc, MarketBatchProperties properties) {
		return new InstrumentDirectory(jdbc, properties.getBroker(), properties.getExchange());
	}

	@Bean
	CandleStore candleStore(JdbcClient jdbc) {
		return new CandleStore(jdbc);
	}

	@Bean
	Completeness completeness(JdbcClient jdbc, CalendarRepository calendars) {
		return new Completeness(jdbc, calendars::load);
	}

	@Bean
	MarketDataSource marketDataSource(MarketBatchProperties properties, CalendarRepository calendars, Clock clock) {
		MarketDataSource broker = switch (properties.getBroker()) {
			case SimulatedBroker.NAME -> {
				MarketBatchProperties.Sim sim = properties.getSim();
				SimFaults faults = new SimFaults(clock, sim.getLatency(), sim.getFailureRate(), sim.getFailAfter(),
						sim.getFailFor(), sim.getSeed());
				faults.rejectToken(sim.isRejectToken());
				yield new SimulatedBroker(calendars::load, clock, faults);
			}
			case UpstoxClient.NAME -> {
				MarketBatchProperties.Account upstox = properties.getUpstox();
				yield new UpstoxClient(upstox.getBaseUrl(), upstox.getInstrumentsUrl(), upstox.getAccessToken(),
						upstox.getTimeout());
			}
			case KiteClient.NAME -> {
				MarketBatchProperties.Account kite = properties.getKite();
				yield new KiteClient(kite.getBaseUrl(), kite.getInstrumentsUrl(), kite.getApiKey(),
						kite.getAccessToken(), kite.getTimeout(), clock);
			}
			case DhanClient.NAME -> {
				MarketBatchProperties.Account dhan = properties.getDhan();
				yield new DhanClient(dhan.getBaseUrl(), dhan.getInstrumentsUrl(), dhan.getClientId(),
						dhan.getAccessToken(), dhan.getTimeout(), clock);
			}
			case FyersClient.NAME -> {
				MarketBatchProperties.Account fyers = properties.getFyers();
				yield new FyersClient(fyers.getBaseUrl(), fyers.getInstrumentsUrl(), fyers.getAppId(),
						fyers.getAccessToken(), fyers.getTimeout(), clock);
			}
			default -> throw new IllegalStateException("marketbatch.broker=" + properties.getBroker()
					+ " is not supported: use sim, upstox, kite, dhan or fyers");
		};
		MarketBatchProperties.Retry retry = properties.getRetry();
		return new RetryingMarketDataSource(broker, retry.getAttempts(), retry.getBackoff(), retry.getMultiplier());
	}

	/**
	 * Broker calls in flight at once inside a step; each chunk's items are fetched
	 * concurrently.
	 */
	@Bean
	AsyncTaskExecutor brokerCallExecutor(MarketBatchProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(Math.max(1, properties.getConcurrency()));
		executor.setMaxPoolSize(Math.max(1, properties.getConcurrency()));
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
	LtpSnapshotWriter ltpSnapshotWriter(JdbcTemplate jdbc, SqlDialect dialect, SyncStatusWriter syncStatus,
			Clock clock) {
		return new LtpSnapshotWriter(jdbc, dialect, syncStatus, clock);
	}

	@Bean
	InstrumentWriter instrumentWriter(JdbcTemplate jdbc, SqlDialect dialect, MarketBatchProperties properties,
			Clock clock) {
		return new InstrumentWriter(jdbc, dialect, properties.getBroker(), clock);
	}

}
