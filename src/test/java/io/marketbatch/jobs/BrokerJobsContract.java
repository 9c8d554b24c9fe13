package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.broker.RateLimitTest;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.Candle;
import io.marketbatch.support.FakeBrokerServer;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The jobs with a real broker client behind a local fake that speaks the broker's wire
 * format: exact candles (values and instants), a bad payload isolated to its instrument,
 * a rejected token failing the run at once, transient faults retried, the rate limit
 * kept.
 */
@SpringBootTest(properties = { "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"marketbatch.retry.backoff=PT0.01S", "spring.main.banner-mode=off",
		"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@Import(SettableClock.Config.class)
abstract class BrokerJobsContract {

	@Autowired
	JobRepository jobRepository;

	static final LocalDate FROM = LocalDate.of(2026, 9, 1);

	static final LocalDate TO = LocalDate.of(2026, 10, 30);

	@Autowired
	JobLaunches jobs;

	@Autowired
	ExecutionControl control;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	@Autowired
	Completeness completeness;

	@Autowired
	InstrumentDirectory directory;

	abstract FakeBrokerServer fake();

	/**
	 * Most requests the broker allows in one second (for the endpoint the backfill uses).
	 */
	abstract int historyRequestsPerSecond();

	@Autowired
	SettableClock clock;

	@BeforeEach
	void cleanSlate() throws Exception {
		clock.reset();
		TestData.clean(jdbc, jobRepository, broker);
		fake().rejectToken = false;
		fake().truncatedSymbols.clear();
		fake().failNext.set(0);
		JobExecution sync = run(JobNames.INSTRUMENT_SYNC, "businessDate=2026-11-20");
		assertThat(sync.getStatus()).as(sync.getExitStatus().getExitDescription()).isEqualTo(BatchStatus.COMPLETED);
		// each test starts as a fresh process would: no request has proved the token yet
		// (the calendar sync's answer did)
		((RetryingMarketDataSource) broker).resetToken();
		fake().requests.clear();
		fake().arrivals.clear();
	}

	JobExecution run(String job, String... assignments) throws Exception {
		return jobs.launch(job, jobs.prepare(job, JobRequests.parseAssignments(List.of(assignments)), true))
			.execution();
	}

	long count(String sql, Object... args) {
		return jdbc.queryForObject(sql, Long.class, args);
	}

	@Test
	void instrumentSyncStoresTheMasterAndDerivesFnoFromStockFutures() {
		assertThat(jdbc.queryForList("SELECT symbol FROM instrument ORDER BY symbol", String.class))
			.containsExactly("INFY", "M&M", "RELIANCE", "TCS");
		assertThat(
				jdbc.queryForList("SELECT i.symbol FROM universe_member m JOIN instrument i ON i.id = m.instrument_id "
						+ "WHERE m.universe = 'FNO' ORDER BY i.symbol", String.class))
			.containsExactly("INFY", "M&M", "RELIANCE", "TCS");
		assertThat(count("SELECT COUNT(*) FROM instrument_broker_key WHERE broker = ?", broker.name())).isEqualTo(4);
	}

	@Test
	void historyBackfillStoresExactlyTheServedCandles() throws Exception {
		JobExecution execution = run(JobNames.HISTORY_BACKFILL, "from=" + FROM, "to=" + TO,
				"symbols=INFY,M&M,RELIANCE,TCS");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long servedCandles = FakeBrokerServer.SYMBOLS.stream().mapToLong(s -> fake().candles(s, FROM, TO).size()).sum();
		assertThat(servedCandles).as("M&M misses some minutes").isLessThan(4L * 41 * 375);
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).isEqualTo(servedCandles);
		TestData.assertBarsFollowMinutes(jdbc);
		for (String symbol : FakeBrokerServer.SYMBOLS) {
			Map<Instant, Candle> stored = new HashMap<>();
			jdbc.query("SELECT c.ts, c.open, c.high, c.low, c.close, c.volume FROM candle c JOIN instrument i "
					+ "ON i.id = c.instrument_id WHERE i.symbol = ? AND c.timeframe = '1m'", rs -> {
						Instant ts = rs.getObject(1, OffsetDateTime.class).toInstant();
						stored.put(ts, new Candle(0, null, ts, rs.getBigDecimal(2), rs.getBigDecimal(3),
								rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getLong(6), null));
					}, symbol);
			List<Candle> served = fake().candles(symbol, FROM, TO);
			assertThat(stored).hasSize(served.size());
			for (Candle c : served) {
				Candle s = stored.get(c.ts());
				assertThat(s).as(symbol + " at " + c.ts()).isNotNull();
				assertThat(s.open()).isEqualByComparingTo(c.open());
				assertThat(s.high()).isEqualByComparingTo(c.high());
				assertThat(s.low()).isEqualByComparingTo(c.low());
				assertThat(s.close()).isEqualByComparingTo(c.close());
				assertThat(s.volume()).isEqualTo(c.volume());
			}
		}
		assertThat(RateLimitTest.busiestWindowOf(fake().arrivals, Duration.ofSeconds(1)))
			.isLessThanOrEqualTo(historyRequestsPerSecond());

		// the same range again: everything is answered, the sparse symbol included
		fake().requests.clear();
		assertThat(jobs
			.launch(JobNames.HISTORY_BACKFILL,
					jobs.prepare(JobNames.HISTORY_BACKFILL,
							JobRequests.parseAssignments(
									List.of("from=" + FROM, "to=" + TO, "symbols=INFY,M&M,RELIANCE,TCS")),
							true))
			.execution()
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(fake().requests).isEmpty();
		Completeness.InstrumentDay sparse = completeness
			.day(LocalDate.of(2026, 10, 29), directory.symbols(List.of(FakeBrokerServer.SPARSE)))
			.instruments()
			.get(0);
		assertThat(sparse.noTradeMinutes()).isPositive();
		assertThat(sparse.presentMinutes() + sparse.noTradeMinutes()).isEqualTo(375);
		assertThat(sparse.missingMinutes()).isZero();
		assertThat(sparse.percent()).isEqualByComparingTo("100");
	}

	@Test
	void aTruncatedPayloadIsRecordedForThatSymbolAndTheOthersGoOn() throws Exception {
		fake().truncatedSymbols.add("TCS");
		JobExecution execution = run(JobNames.HISTORY_BACKFILL, "from=2026-10-01", "to=2026-10-30",
				"symbols=INFY,M&M,RELIANCE,TCS");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count(
				"SELECT COUNT(*) FROM candle c JOIN instrument i ON i.id = c.instrument_id WHERE i.symbol = 'TCS'"))
			.isZero();
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'"))
			.isEqualTo(List.of("INFY", "M&M", "RELIANCE")
				.stream()
				.mapToLong(s -> fake().candles(s, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 30)).size())
				.sum());
		String error = jdbc
			.queryForObject("SELECT s.last_error FROM sync_status s JOIN instrument i ON i.id = s.instrument_id "
					+ "WHERE i.symbol = 'TCS' AND s.dataset = 'candle_1m'", String.class);
		assertThat(error).contains("malformed JSON");
	}

	@Test
	void aRejectedTokenFailsTheRunAfterOneRequestAndSaysSo() throws Exception {
		fake().rejectToken = true;
		JobExecution execution = run(JobNames.HISTORY_BACKFILL, "from=" + FROM, "to=" + TO,
				"symbols=INFY,M&M,RELIANCE,TCS");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(fake().requests).hasSizeLessThanOrEqualTo(2);
		assertThat(execution.getExitStatus().getExitDescription()).contains("rejected the access token")
			.contains("MARKETBATCH_" + broker.name().toUpperCase() + "_ACCESS_TOKEN");
		assertThat(count("SELECT COUNT(*) FROM candle")).isZero();
	}

	@Test
	void transientFaultsAreRetriedAndNothingIsLost() throws Exception {
		fake().failStatus = 503;
		fake().failNext.set(2);
		JobExecution execution = run(JobNames.HISTORY_BACKFILL, "from=2026-10-01", "to=2026-10-30",
				"symbols=RELIANCE,TCS");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).isEqualTo(2L * 20 * 375);
		fake().failStatus = 429;
		fake().failNext.set(2);
		clock.setInside("2026-11-20T10:15", 5);
		assertThat(run(JobNames.LTP_SNAPSHOT, "minute=2026-11-20T10:15", "universe=FNO").getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot")).isEqualTo(4);
		BigDecimal ltp = jdbc
			.queryForObject("SELECT ltp FROM ltp_snapshot l JOIN instrument i ON i.id = l.instrument_id "
					+ "WHERE i.symbol = 'RELIANCE'", BigDecimal.class);
		assertThat(ltp).isPositive();
	}

}
