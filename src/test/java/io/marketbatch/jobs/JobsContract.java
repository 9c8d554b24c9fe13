package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.BrokerLimits;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;
import io.marketbatch.market.Timeframe;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.CandleWriter;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ThreadPoolExecutor;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Every job end to end against a real database: the subclasses run this contract on H2
 * and on an embedded PostgreSQL. The clock stands at Friday 2026-11-20 17:30 IST, after
 * the close.
 */
@SpringBootTest(properties = { "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"marketbatch.retry.backoff=PT0.01S", "spring.main.banner-mode=off",
		"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@Import(SettableClock.Config.class)
abstract class JobsContract {

	@Autowired
	SettableClock clock;

	@Autowired
	JobRepository jobRepository;

	static final List<String> THREE = List.of("M&M", "RELIANCE", "TCS");

	@Autowired
	JobLaunches jobs;

	@Autowired
	ExecutionControl control;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	@Autowired
	CalendarRepository calendars;

	@Autowired
	CalendarDrift calendarDrift;

	@Autowired
	InstrumentDirectory directory;

	@Autowired
	CandleWriter candleWriter;

	@Autowired
	TransactionTemplate transactions;

	@Autowired
	@Qualifier("brokerCallExecutor")
	AsyncTaskExecutor brokerCalls;

	/** No broker call running or queued, for a while (calls end within the retries). */
	void awaitBrokerCallsIdle() {
		ThreadPoolExecutor pool = ((ThreadPoolTaskExecutor) brokerCalls).getThreadPoolExecutor();
		await().atMost(Duration.ofSeconds(10))
			.during(Duration.ofMillis(300))
			.until(() -> pool.getActiveCount() == 0 && pool.getQueue().isEmpty());
	}

	SimFaults faults() {
		return TestData.simFaults(broker);
	}

	@BeforeEach
	void cleanSlate() {
		clock.reset();
		TestData.clean(jdbc, jobRepository, broker);
	}

	JobExecution run(String job, String... assignments) throws Exception {
		return launch(job, false, assignments).execution();
	}

	JobLaunches.Launch launch(String job, boolean rerun, String... assignments) throws Exception {
		Map<String, String> raw = JobRequests.parseAssignments(List.of(assignments));
		JobParameters parameters = jobs.prepare(job, raw, rerun);
		return jobs.launch(job, parameters);
	}

	long count(String sql, Object... args) {
		return jdbc.queryForObject(sql, Long.class, args);
	}

	long candles(String timeframe) {
		return count("SELECT COUNT(*) FROM candle WHERE timeframe = ?", timeframe);
	}

	long expectedMinutes(int instruments, LocalDate from, LocalDate to) {
		TradingCalendar calendar = calendars.load();
		return instruments * calendar.tradingDays(from, to).stream().mapToLong(calendar::expectedMinuteCount).sum();
	}

	OffsetDateTime lastUpdate() {
		return jdbc.queryForObject("SELECT MAX(updated_at) FROM candle", OffsetDateTime.class);
	}

	@Test
	void calendarIsSeededFromTheMigration() {
		TradingCalendar calendar = calendars.load();
		assertThat(calendar.day(LocalDate.of(2026, 10, 2)).closedReason()).isEqualTo("Gandhi Jayanti");
		assertThat(calendar.expectedMinuteCount(LocalDate.of(2025, 10, 21))).isEqualTo(60);
		assertThat(directory.universe("NIFTY50")).hasSize(50);
		assertThat(directory.universe("FNO")).hasSizeGreaterThanOrEqualTo(200);
	}

	@Test
	void historyBackfillStoresEveryTradingMinuteExactlyOnce() throws Exception {
		JobExecution execution = run(JobNames.HISTORY_BACKFILL, "from=2026-09-01", "to=2026-10-30",
				"symbols=RELIANCE,TCS,M&M");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(candles("1m")).isEqualTo(3 * 41 * 375)
			.isEqualTo(expectedMinutes(3, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 30)));
		TradingCalendar calendar = calendars.load();
		List<Instant> stamps = jdbc.query("SELECT ts FROM candle",
				(rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant());
		assertThat(stamps).allMatch(calendar::isOpen);
		assertThat(stamps.stream().map(t -> t.atZone(calendar.zone()).toLocalDate()))
			.doesNotContain(LocalDate.of(2026, 9, 14), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 20));
		assertThat(count("SELECT COUNT(*) FROM candle WHERE NOT (low <= open AND low <= close AND high >= open "
				+ "AND high >= close AND low > 0)"))
			.isZero();
		assertThat(
				count("SELECT COUNT(*) FROM sync_status WHERE dataset = 'candle_1m' AND last_success_at IS NOT NULL"))
			.isEqualTo(3);
	}

	@Test
	void budgetDaySessionsOnAWeekendAreCollected() throws Exception {
		// Friday 2026-01-30, Sunday 2026-02-01 (Union Budget), Monday 2026-02-02
		assertThat(run(JobNames.HISTORY_BACKFILL, "from=2026-01-30", "to=2026-02-02", "symbols=RELIANCE").getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(candles("1m")).isEqualTo(3 * 375);
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m' AND ts >= TIMESTAMP WITH TIME ZONE "
				+ "'2026-02-01 09:15:00+05:30' AND ts < TIMESTAMP WITH TIME ZONE '2026-02-01 15:30:00+05:30'"))
			.isEqualTo(375);
	}

	@Test
	void historyBackfillTwiceChangesNothing() throws Exception {
		run(JobNames.HISTORY_BACKFILL, "from=2026-10-01", "to=2026-10-30", "symbols=RELIANCE,TCS");
		long rows = candles("1m");
		OffsetDateTime updated = lastUpdate();
		JobLaunches.Launch again = launch(JobNames.HISTORY_BACKFILL, false, "from=2026-10-01", "to=2026-10-30",
				"symbols=RELIANCE,TCS");
		assertThat(again.outcome()).isEqualTo(JobLaunches.Outcome.ALREADY_COMPLETED);
		long requests = faults().requestCount();
		JobLaunches.Launch rerun = launch(JobNames.HISTORY_BACKFILL, true, "from=2026-10-01", "to=2026-10-30",
				"symbols=RELIANCE,TCS");
		assertThat(rerun.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(faults().requestCount()).as("complete days are not asked for again").isEqualTo(requests);
		assertThat(candles("1m")).isEqualTo(rows);
		assertThat(lastUpdate()).isEqualTo(updated);
	}

	@Test
	void historyBackfillAsksOnlyForIncompleteDays() throws Exception {
		run(JobNames.HISTORY_BACKFILL, "from=2026-10-01", "to=2026-10-30", "symbols=RELIANCE,TCS");
		long rows = candles("1m");
		// a hole in the middle of the data: ten minutes of one day of one instrument
		jdbc.update("DELETE FROM candle WHERE instrument_id = (SELECT id FROM instrument WHERE symbol = 'TCS') "
				+ "AND ts >= ? AND ts < ?", utc("2026-10-15T11:00"), utc("2026-10-15T11:10"));
		assertThat(candles("1m")).isEqualTo(rows - 10);
		long before = faults().requestCount();
		JobExecution refill = launch(JobNames.HISTORY_BACKFILL, true, "from=2026-10-01", "to=2026-10-30",
				"symbols=RELIANCE,TCS")
			.execution();
		assertThat(refill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(faults().requestCount() - before).isEqualTo(1);
		assertThat(candles("1m")).isEqualTo(rows);
	}

	@Test
	void restartAfterAnOutageResumesFromTheLastCheckpoint() throws Exception {
		faults().reset(null, 0, 20L, null);
		JobExecution failed = run(JobNames.HISTORY_BACKFILL, "from=2026-09-01", "to=2026-09-30", "universe=NIFTY50");
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("broker unavailable");
		long partial = candles("1m");
		long full = expectedMinutes(50, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 9, 30));
		assertThat(partial).isPositive().isLessThan(full);
		assertThat(partial % (21 * 375)).as("whole instruments per committed chunk").isZero();
		// the failed chunk's other items may still be retrying on the broker threads (the
		// step fails on the first failed item without waiting for the rest): let them
		// end inside the outage, so none is counted as, or succeeds during, the restart
		awaitBrokerCallsIdle();
		// the reader's committed checkpoint: the last instrument of the last committed
		// chunk
		int checkpoint = jobRepository.getLastStepExecution(failed.getJobInstance(), "fetchMinuteCandles")
			.getExecutionContext()
			.getInt("historyBackfill.windows.instrument.index");
		long committedInstruments = checkpoint + 1;
		assertThat(partial).as("the checkpoint's instruments, all written").isEqualTo(committedInstruments * 21 * 375);

		faults().reset(null, 0, null, null);
		long before = faults().requestCount();
		JobExecution resumed = control.restart(failed.getId());
		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		long restartRequests = faults().requestCount() - before;
		assertThat(restartRequests).as("only the instruments after the checkpoint")
			.isEqualTo(50 - committedInstruments);
		assertThat(candles("1m")).isEqualTo(full).isEqualTo(50L * 21 * 375);
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'historyBackfill'")).isEqualTo(1);
	}

	@Test
	void eodAggregationBuildsSessionAnchoredBarsConsistentWithMinutes() throws Exception {
		run(JobNames.DAILY_BACKFILL, "businessDate=2026-10-29", "symbols=RELIANCE,TCS");
		JobExecution execution = run(JobNames.EOD_AGGREGATION, "businessDate=2026-10-29", "symbols=RELIANCE,TCS");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Long> perInstrument = new LinkedHashMap<>();
		jdbc.query("SELECT timeframe, COUNT(*) FROM candle WHERE instrument_id = (SELECT id FROM instrument "
				+ "WHERE symbol = 'TCS') GROUP BY timeframe", rs -> {
					perInstrument.put(rs.getString(1), rs.getLong(2));
				});
		assertThat(perInstrument).containsEntry("1m", 375L)
			.containsEntry("5m", 75L)
			.containsEntry("15m", 25L)
			.containsEntry("30m", 13L)
			.containsEntry("1h", 7L)
			.containsEntry("1d", 1L);
		assertThat(jdbc.queryForObject("SELECT MIN(ts) FROM candle WHERE timeframe = '1h'", OffsetDateTime.class)
			.toInstant()).isEqualTo(at("2026-10-29T09:15"));
		// every bar agrees with its minutes: first open, max high, min low, last close,
		// summed volume
		for (String tf : List.of("5m", "15m", "30m", "1h", "1d")) {
			List<Candle> bars = stored(tf);
			assertThat(bars).isNotEmpty();
			for (Candle bar : bars) {
				Instant end = tf.equals("1d") ? at("2026-10-29T15:30")
						: bar.ts().plus(Timeframe.fromLabel(tf).orElseThrow().width());
				List<Candle> minutes = stored("1m").stream()
					.filter(m -> m.instrumentId() == bar.instrumentId() && !m.ts().isBefore(bar.ts())
							&& m.ts().isBefore(end))
					.toList();
				assertThat(bar.open()).isEqualByComparingTo(minutes.get(0).open());
				assertThat(bar.close()).isEqualByComparingTo(minutes.get(minutes.size() - 1).close());
				assertThat(bar.high())
					.isEqualByComparingTo(minutes.stream().map(Candle::high).max(BigDecimal::compareTo).orElseThrow());
				assertThat(bar.low())
					.isEqualByComparingTo(minutes.stream().map(Candle::low).min(BigDecimal::compareTo).orElseThrow());
				assertThat(bar.volume()).isEqualTo(minutes.stream().mapToLong(Candle::volume).sum());
			}
		}
	}

	@Test
	void eodAggregationOnAHolidayIsACleanNoOp() throws Exception {
		JobExecution execution = run(JobNames.EOD_AGGREGATION, "businessDate=2026-10-20", "universe=NIFTY50");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("market closed: Dussehra (2026-10-20)");
		assertThat(execution.getStepExecutions()).isEmpty();
		assertThat(candles("5m")).isZero();
	}

	@Test
	void ltpSnapshotWritesOneRowPerInstrumentAtTheMinute() throws Exception {
		clock.setInside("2026-10-29T10:15", 20);
		JobExecution execution = run(JobNames.LTP_SNAPSHOT, "minute=2026-10-29T10:15", "universe=NIFTY50");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot WHERE minute = ?", utc("2026-10-29T10:15"))).isEqualTo(50);
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot")).isEqualTo(50);
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot WHERE ltp <= 0 OR volume <= 0")).isZero();
		// captured when the answer came, during the minute; the simulator gives no time
		// of its
		// own
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot WHERE captured_at >= ? AND captured_at < ?",
				utc("2026-10-29T10:15"), utc("2026-10-29T10:16")))
			.isEqualTo(50);
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot WHERE traded_at IS NOT NULL")).isZero();
		// the price at 10:15:20 is the close of the last finished minute, 10:14
		clock.reset();
		run(JobNames.DAILY_BACKFILL, "businessDate=2026-10-29", "symbols=RELIANCE");
		BigDecimal ltp = jdbc
			.queryForObject("SELECT l.ltp FROM ltp_snapshot l JOIN instrument i ON i.id = l.instrument_id "
					+ "WHERE i.symbol = 'RELIANCE'", BigDecimal.class);
		BigDecimal close = jdbc
			.queryForObject("SELECT c.close FROM candle c JOIN instrument i ON i.id = c.instrument_id "
					+ "WHERE i.symbol = 'RELIANCE' AND c.ts = ?", BigDecimal.class, utc("2026-10-29T10:14"));
		assertThat(ltp).isEqualByComparingTo(close);
	}

	@Test
	void aLateSnapshotIsRefusedAndLaunchesNothing() {
		clock.setInside("2026-10-29T10:24", 20);
		assertThatThrownBy(() -> run(JobNames.LTP_SNAPSHOT, "minute=2026-10-29T10:15", "universe=NIFTY50"))
			.isInstanceOf(BadJobRequestException.class)
			.hasMessageStartingWith("minute 2026-10-29T10:15 ended 8 min 2")
			.hasMessageContaining(
					"ago; a price snapshot can only be taken live, during its minute or up to 60 s after it");
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'ltpSnapshot'")).isZero();
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot")).isZero();
	}

	@Test
	void aSnapshotIsTakenUpToAMinuteAfterItsMinute() throws Exception {
		clock.setInside("2026-10-29T10:16", 45);
		assertThat(run(JobNames.LTP_SNAPSHOT, "minute=2026-10-29T10:15", "symbols=TCS").getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot WHERE minute = ?", utc("2026-10-29T10:15"))).isEqualTo(1);
	}

	@Test
	void aStoredSnapshotIsNeverOverwrittenByALaterCapture() throws Exception {
		clock.setInside("2026-10-29T10:15", 10);
		run(JobNames.LTP_SNAPSHOT, "minute=2026-10-29T10:15", "symbols=TCS,RELIANCE");
		Map<String, Object> first = jdbc.queryForMap("SELECT ltp, captured_at FROM ltp_snapshot l "
				+ "JOIN instrument i ON i.id = l.instrument_id WHERE i.symbol = 'TCS'");
		// still in the window, a minute later: the broker's price has moved on
		clock.setInside("2026-10-29T10:16", 30);
		JobLaunches.Launch again = launch(JobNames.LTP_SNAPSHOT, true, "minute=2026-10-29T10:15",
				"symbols=TCS,RELIANCE");
		assertThat(again.execution().getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot")).isEqualTo(2);
		assertThat(jdbc.queryForMap("SELECT ltp, captured_at FROM ltp_snapshot l "
				+ "JOIN instrument i ON i.id = l.instrument_id WHERE i.symbol = 'TCS'"))
			.isEqualTo(first);
	}

	@Test
	void aFailedSnapshotIsNotResumedAfterItsMinute() throws Exception {
		clock.setInside("2026-10-29T10:15", 10);
		faults().reset(null, 0, 0L, null);
		JobParameters parameters = jobs.prepare(JobNames.LTP_SNAPSHOT,
				Map.of("minute", "2026-10-29T10:15", "symbols", "TCS"), false);
		JobExecution failed = jobs.launch(JobNames.LTP_SNAPSHOT, parameters).execution();
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		faults().reset(null, 0, null, null);
		clock.setInside("2026-10-29T10:30", 0);
		assertThatThrownBy(() -> control.restart(failed.getId())).isInstanceOf(BadJobRequestException.class)
			.hasMessageStartingWith(
					"execution " + failed.getId() + " cannot be restarted: minute 2026-10-29T10:15 ended 14 min");
		assertThatThrownBy(() -> jobs.launch(JobNames.LTP_SNAPSHOT, parameters))
			.isInstanceOf(BadJobRequestException.class)
			.hasMessageContaining("is FAILED and is not resumed: minute 2026-10-29T10:15 ended 14 min");
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot")).isZero();
	}

	@Test
	void ltpSnapshotForAClosedMarketWritesNothingAndSaysWhy() throws Exception {
		clock.setInside("2026-10-02T10:15", 10);
		JobExecution execution = run(JobNames.LTP_SNAPSHOT, "minute=2026-10-02T10:15", "universe=NIFTY50");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitDescription()).isEqualTo("market closed: Gandhi Jayanti");
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot")).isZero();
		clock.setInside("2026-10-29T20:00", 10);
		JobExecution night = run(JobNames.LTP_SNAPSHOT, "minute=2026-10-29T20:00", "universe=NIFTY50");
		assertThat(night.getExitStatus().getExitDescription()).startsWith("market closed: outside market hours");
	}

	@Test
	void dailyBackfillReplacesProvisionalCandles() throws Exception {
		long tcs = directory.symbols(List.of("TCS")).get(0).id();
		jdbc.update(
				"INSERT INTO candle (instrument_id, timeframe, ts, open, high, low, close, volume, source, updated_at) "
						+ "VALUES (?, '1m', ?, 1, 1, 1, 1, 1, 'provisional', ?)",
				tcs, utc("2026-10-29T10:15"), OffsetDateTime.now());
		JobExecution execution = run(JobNames.DAILY_BACKFILL, "businessDate=2026-10-29", "symbols=TCS,RELIANCE");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(candles("1m")).isEqualTo(2 * 375);
		assertThat(count("SELECT COUNT(*) FROM candle WHERE source = 'provisional' OR close = 1")).isZero();
	}

	@Test
	void gapFillFetchesOnlyTheMissingMinutesOfTheSession() throws Exception {
		run(JobNames.DAILY_BACKFILL, "businessDate=2026-11-20", "symbols=RELIANCE,TCS,M&M");
		jdbc.update("DELETE FROM candle WHERE instrument_id = (SELECT id FROM instrument WHERE symbol = 'M&M') "
				+ "AND ts >= ? AND ts < ?", utc("2026-11-20T10:00"), utc("2026-11-20T10:07"));
		long before = faults().requestCount();
		JobExecution execution = run(JobNames.GAP_FILL, "runAt=2026-11-20T12:00", "symbols=RELIANCE,TCS,M&M");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(faults().requestCount() - before).as("instruments without a gap cost no request").isEqualTo(1);
		assertThat(candles("1m")).isEqualTo(3 * 375);
		assertThat(execution.getStepExecutions().iterator().next().getFilterCount()).isEqualTo(2);
	}

	@Test
	void instrumentSyncUpsertsTheMasterAndUniversesIdempotently() throws Exception {
		JobExecution execution = run(JobNames.INSTRUMENT_SYNC, "businessDate=2026-11-20");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		long instruments = count("SELECT COUNT(*) FROM instrument");
		// the simulator lists every symbol of the shipped NSE lists, each in one universe
		// or
		// more
		assertThat(count("SELECT COUNT(*) FROM instrument WHERE exchange = 'NSE'"))
			.isEqualTo(count("SELECT COUNT(DISTINCT m.instrument_id) FROM universe_member m "
					+ "JOIN instrument i ON i.id = m.instrument_id WHERE i.exchange = 'NSE'"));
		assertThat(count("SELECT COUNT(*) FROM universe_member WHERE universe = 'FNO'")).isGreaterThanOrEqualTo(200);
		assertThat(count("SELECT COUNT(*) FROM universe_member WHERE universe = 'NIFTY50'")).isEqualTo(50);
		// the simulator's MCX futures, in a universe of their exchange
		assertThat(count("SELECT COUNT(*) FROM universe_member m JOIN instrument i ON i.id = m.instrument_id "
				+ "WHERE m.universe = 'MCX_TOP' AND i.exchange = 'MCX' AND i.instrument_type = 'FUT'"))
			.isEqualTo(5);
		assertThat(count("SELECT COUNT(*) FROM instrument_broker_key WHERE broker = 'sim'")).isEqualTo(instruments);
		OffsetDateTime updated = jdbc.queryForObject("SELECT MAX(updated_at) FROM instrument", OffsetDateTime.class);
		launch(JobNames.INSTRUMENT_SYNC, true, "businessDate=2026-11-20");
		assertThat(count("SELECT COUNT(*) FROM instrument")).isEqualTo(instruments);
		assertThat(jdbc.queryForObject("SELECT MAX(updated_at) FROM instrument", OffsetDateTime.class))
			.isEqualTo(updated);
	}

	@Test
	void anInconsistentBrokerAnswerWritesNothingForThatInstrumentAndRecordsWhy() throws Exception {
		Instrument tcs = directory.symbols(List.of("TCS")).get(0);
		Instrument reliance = directory.symbols(List.of("RELIANCE")).get(0);
		LocalDate day = LocalDate.of(2026, 10, 29);
		MarketDataSource badHigh = new DelegatingSource(broker) {
			@Override
			public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
				List<Candle> candles = new java.util.ArrayList<>(super.minuteCandles(instrument, from, to));
				if (instrument.symbol().equals("TCS")) {
					Candle c = candles.get(100);
					candles.set(100, new Candle(c.instrumentId(), c.timeframe(), c.ts(), c.open(),
							c.low().subtract(BigDecimal.ONE), c.low(), c.close(), c.volume(), c.oi()));
				}
				return candles;
			}
		};
		CandleFetcher fetcher = new CandleFetcher(badHigh, calendars::load, calendarDrift, clock);
		CandleBatch bad = fetcher.process(new FetchWindow(tcs, day, day, Set.of(day)));
		CandleBatch good = fetcher.process(new FetchWindow(reliance, day, day, Set.of(day)));
		assertThat(bad.failed()).isTrue();
		transactions.executeWithoutResult(s -> {
			try {
				candleWriter.write(new Chunk<>(bad, good));
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		assertThat(count("SELECT COUNT(*) FROM candle WHERE instrument_id = ?", tcs.id())).isZero();
		assertThat(count("SELECT COUNT(*) FROM candle WHERE instrument_id = ?", reliance.id())).isEqualTo(375);
		String error = jdbc.queryForObject(
				"SELECT last_error FROM sync_status WHERE instrument_id = ? AND dataset = 'candle_1m'", String.class,
				tcs.id());
		assertThat(error).contains("invalid candle at 2026-10-29T10:55").contains("high");
	}

	@Test
	void daysBeforeTheBrokersHistoryAreRecordedAsUnavailableNotFailed() throws Exception {
		Instrument tcs = directory.symbols(List.of("TCS")).get(0);
		List<LocalDate> asked = new java.util.ArrayList<>();
		MarketDataSource shallow = new DelegatingSource(broker) {
			@Override
			public BrokerLimits limits() {
				return super.limits().since(LocalDate.of(2026, 10, 29));
			}

			@Override
			public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
				asked.add(from);
				return super.minuteCandles(instrument, from, to);
			}
		};
		LocalDate day = LocalDate.of(2026, 10, 29);
		CandleBatch batch = new CandleFetcher(shallow, calendars::load, calendarDrift, clock)
			.process(new FetchWindow(tcs, day.minusDays(1), day, Set.of(day.minusDays(1), day)));
		assertThat(asked).containsExactly(day);
		assertThat(batch.failed()).isFalse();
		transactions.executeWithoutResult(s -> {
			try {
				candleWriter.write(new Chunk<>(batch));
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		assertThat(batch.candles()).hasSize(375);
		assertThat(count("SELECT rows_synced FROM sync_status WHERE instrument_id = ? AND dataset = 'candle_1m'"
				+ " AND last_success_at IS NOT NULL", tcs.id()))
			.isEqualTo(375);
		assertThat(jdbc.queryForObject(
				"SELECT last_error FROM sync_status WHERE instrument_id = ? AND dataset = 'candle_1m'", String.class,
				tcs.id()))
			.isEqualTo("unavailable, not a failure: sim keeps 1-minute candles from 2026-10-29; "
					+ "2026-10-28..2026-10-28 not asked for");
	}

	@Test
	void aClosedRangeIsANoOp() throws Exception {
		JobExecution execution = run(JobNames.HISTORY_BACKFILL, "from=2026-10-31", "to=2026-11-01", "universe=NIFTY50");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitDescription()).startsWith("market closed: no trading day between");
		assertThat(candles("1m")).isZero();
	}

	List<Candle> stored(String timeframe) {
		return jdbc.query(
				"SELECT instrument_id, ts, open, high, low, close, volume FROM candle WHERE timeframe = ? ORDER BY instrument_id, ts",
				(rs, n) -> new Candle(rs.getLong(1), Timeframe.fromLabel(timeframe).orElseThrow(),
						rs.getObject(2, OffsetDateTime.class).toInstant(), rs.getBigDecimal(3), rs.getBigDecimal(4),
						rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7), null),
				timeframe);
	}

	static OffsetDateTime utc(String istLocal) {
		return at(istLocal).atOffset(java.time.ZoneOffset.UTC);
	}

	static Instant at(String istLocal) {
		return LocalDateTime.parse(istLocal).atZone(TradingCalendar.IST).toInstant();
	}

	/**
	 * A broker stand-in that answers like the simulator except where a test overrides it.
	 */
	static class DelegatingSource implements MarketDataSource {

		private final MarketDataSource delegate;

		DelegatingSource(MarketDataSource delegate) {
			this.delegate = delegate;
		}

		public String name() {
			return delegate.name();
		}

		public BrokerLimits limits() {
			return delegate.limits();
		}

		public List<MasterInstrument> instrumentMaster() {
			return delegate.instrumentMaster();
		}

		public Map<String, List<String>> universes() {
			return delegate.universes();
		}

		public List<LtpQuote> lastPrices(List<Instrument> instruments, Instant minute) {
			return delegate.lastPrices(instruments, minute);
		}

		public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
			return delegate.minuteCandles(instrument, from, to);
		}

		public List<Candle> intradayCandles(Instrument instrument) {
			return delegate.intradayCandles(instrument);
		}

	}

}
