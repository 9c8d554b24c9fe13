package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.store.BarWriter;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalTime;
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
 * The jobs against a simulated market that behaves like a real one: CAMS misses a fifth
 * of its minutes (no trade, no candle), minutes are served 2 minutes late and revised
 * once within 5 minutes, and the exchange trades an evening session on Sunday 2026-10-25
 * that the calendar does not know. Subclasses run it on H2 and PostgreSQL.
 */
@SpringBootTest(properties = { "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"marketbatch.retry.backoff=PT0.01S", "spring.main.banner-mode=off",
		"marketbatch.sim.extra-sessions=2026-10-25T18:00/19:00",
		"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@Import(SettableClock.Config.class)
abstract class RealMarketContract {

	private static final LocalDate THU = LocalDate.of(2026, 10, 29);

	@Autowired
	SettableClock clock;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobLaunches jobs;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	@Autowired
	Completeness completeness;

	@Autowired
	InstrumentDirectory directory;

	@Autowired
	CalendarRepository calendars;

	@BeforeEach
	void cleanSlate() {
		clock.reset();
		TestData.clean(jdbc, jobRepository, broker);
		// the session one test adds to the calendar
		jdbc.update("DELETE FROM trading_day WHERE trade_date = ?", LocalDate.of(2026, 10, 25));
	}

	SimFaults faults() {
		return TestData.simFaults(broker);
	}

	JobExecution run(String job, String... assignments) throws Exception {
		return jobs.launch(job, jobs.prepare(job, JobRequests.parseAssignments(List.of(assignments)), true))
			.execution();
	}

	long count(String sql, Object... args) {
		return jdbc.queryForObject(sql, Long.class, args);
	}

	long requestsDuring(ThrowingRunnable work) throws Exception {
		long before = faults().requestCount();
		work.run();
		return faults().requestCount() - before;
	}

	interface ThrowingRunnable {

		void run() throws Exception;

	}

	@Test
	void aSparseInstrumentStoresExactlyWhatTradedAndASecondBackfillAsksNothing() throws Exception {
		long requests = requestsDuring(() -> assertThat(
				run(JobNames.HISTORY_BACKFILL, "from=2026-10-01", "to=2026-10-30", "symbols=CAMS,RELIANCE").getStatus())
			.isEqualTo(BatchStatus.COMPLETED));
		assertThat(requests).as("one month, one request per instrument").isEqualTo(2);
		Instrument cams = directory.symbols(List.of("CAMS")).get(0);
		// what the broker serves on the calendar's days (its unannounced Sunday session
		// is
		// the other test's)
		List<Candle> served = broker.minuteCandles(cams, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 30))
			.stream()
			.filter(c -> calendars.load().isOpen(c.ts()))
			.toList();
		long expected = 20L * 375;
		assertThat((long) served.size()).as("CAMS trades in about 80% of its minutes")
			.isBetween((long) (expected * 0.75), (long) (expected * 0.85));
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m' AND instrument_id = ?", cams.id()))
			.isEqualTo(served.size());
		assertThat(count("SELECT COUNT(*) FROM candle c JOIN instrument i ON i.id = c.instrument_id "
				+ "WHERE c.timeframe = '1m' AND i.symbol = 'RELIANCE'"))
			.isEqualTo(expected);
		TestData.assertBarsFollowMinutes(jdbc);

		// the same range again, sparse instrument included: nothing is unanswered
		assertThat(requestsDuring(() -> assertThat(
				run(JobNames.HISTORY_BACKFILL, "from=2026-10-01", "to=2026-10-31", "symbols=CAMS,RELIANCE").getStatus())
			.isEqualTo(BatchStatus.COMPLETED))).isZero();

		Completeness.InstrumentDay day = completeness.day(THU, List.of(cams)).instruments().get(0);
		long servedThatDay = served.stream()
			.filter(c -> c.ts().atZone(io.marketbatch.market.TradingCalendar.IST).toLocalDate().equals(THU))
			.count();
		assertThat(day.expectedMinutes()).isEqualTo(375);
		assertThat((long) day.presentMinutes()).isEqualTo(servedThatDay);
		assertThat((long) day.noTradeMinutes()).isEqualTo(375 - servedThatDay).isPositive();
		assertThat(day.missingMinutes()).isZero();
		assertThat(day.missing()).isEmpty();
		assertThat(day.percent()).isEqualByComparingTo("100");
	}

	@Test
	void gapFillAsksOncePerUnansweredMinuteAndTheDailyBackfillsRevisedValuesWin() throws Exception {
		clock.setInside("2026-10-29T10:20", 30);
		assertThat(requestsDuring(() -> run(JobNames.GAP_FILL, "runAt=2026-10-29T10:20", "symbols=CAMS,RELIANCE")))
			.isEqualTo(2);
		Instrument reliance = directory.symbols(List.of("RELIANCE")).get(0);
		// 10:20:30 less the 2-minute lag: 09:15..10:17 are settled and served
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m' AND instrument_id = ?", reliance.id()))
			.isEqualTo(63);
		BigDecimal provisional = close(reliance, "10:17");
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '5m' AND source = ?", BarWriter.PROVISIONAL))
			.as("today's bars, built while the day is open")
			.isPositive();

		// the same slot again: every settled minute is answered, nothing is asked
		assertThat(requestsDuring(() -> run(JobNames.GAP_FILL, "runAt=2026-10-29T10:20", "symbols=CAMS,RELIANCE")))
			.isZero();
		// five minutes on: only the newly settled minutes are asked for, once per
		// instrument
		clock.setInside("2026-10-29T10:25", 30);
		assertThat(requestsDuring(() -> run(JobNames.GAP_FILL, "runAt=2026-10-29T10:25", "symbols=CAMS,RELIANCE")))
			.isEqualTo(2);
		assertThat(close(reliance, "10:17")).as("gap fill never rewrites a stored minute").isEqualTo(provisional);

		// after the close the daily backfill replaces the provisional minutes: the
		// revised
		// value wins, and the day's bars are rebuilt from it, no longer provisional
		clock.setInside("2026-10-29T16:00", 0);
		assertThat(run(JobNames.DAILY_BACKFILL, "businessDate=2026-10-29", "symbols=CAMS,RELIANCE").getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		Candle revised = broker.minuteCandles(reliance, THU, THU)
			.stream()
			.filter(c -> c.ts()
				.equals(THU.atTime(10, 17).atZone(io.marketbatch.market.TradingCalendar.IST).toInstant()))
			.findFirst()
			.orElseThrow();
		assertThat(revised.close()).isNotEqualByComparingTo(provisional);
		assertThat(close(reliance, "10:17")).isEqualByComparingTo(revised.close());
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe <> '1m' AND source = ?", BarWriter.PROVISIONAL))
			.isZero();
		TestData.assertBarsFollowMinutes(jdbc);
	}

	@Test
	void barsFollowAHoleFilledByTheNextBackfillWithoutAnAggregationByHand() throws Exception {
		run(JobNames.HISTORY_BACKFILL, "from=2026-10-28", "to=2026-10-29", "symbols=RELIANCE,TCS");
		jdbc.update("DELETE FROM candle WHERE timeframe = '1m' AND instrument_id = (SELECT id FROM instrument "
				+ "WHERE symbol = 'RELIANCE') AND ts >= ? AND ts < ?", ist("11:00"), ist("12:00"));
		assertThat(run(JobNames.EOD_AGGREGATION, "businessDate=2026-10-29", "symbols=RELIANCE,TCS").getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		TestData.assertBarsFollowMinutes(jdbc);
		long partialVolume = dayVolume();

		assertThat(requestsDuring(
				() -> run(JobNames.HISTORY_BACKFILL, "from=2026-10-28", "to=2026-10-29", "symbols=RELIANCE,TCS")))
			.as("only RELIANCE's day with the hole is asked again")
			.isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).isEqualTo(2L * 2 * 375);
		TestData.assertBarsFollowMinutes(jdbc);
		assertThat(dayVolume()).isGreaterThan(partialVolume);
	}

	@Test
	void theBudgetDaySessionsAreTradingDays() throws Exception {
		run(JobNames.HISTORY_BACKFILL, "from=2026-01-30", "to=2026-02-02", "symbols=RELIANCE");
		run(JobNames.HISTORY_BACKFILL, "from=2025-01-31", "to=2025-02-03", "symbols=RELIANCE");
		Map<LocalDate, Long> perDay = new HashMap<>();
		jdbc.query("SELECT ts FROM candle WHERE timeframe = '1m'", rs -> {
			perDay.merge(rs.getObject(1, OffsetDateTime.class)
				.toInstant()
				.atZone(io.marketbatch.market.TradingCalendar.IST)
				.toLocalDate(), 1L, Long::sum);
		});
		assertThat(perDay).containsOnlyKeys(LocalDate.of(2026, 1, 30), LocalDate.of(2026, 2, 1),
				LocalDate.of(2026, 2, 2), LocalDate.of(2025, 1, 31), LocalDate.of(2025, 2, 1),
				LocalDate.of(2025, 2, 3));
		assertThat(perDay.values()).containsOnly(375L);
	}

	@Test
	void aSessionTheCalendarDoesNotKnowIsRecordedOnceAndTheWantedDaysAreWritten() throws Exception {
		run(JobNames.HISTORY_BACKFILL, "from=2026-10-23", "to=2026-10-27", "symbols=RELIANCE,TCS");
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).as("Fri, Mon, Tue")
			.isEqualTo(2L * 3 * 375);
		assertThat(count("SELECT COUNT(*) FROM sync_status WHERE last_error IS NOT NULL")).isZero();
		Map<String, Object> mismatch = jdbc.queryForMap("SELECT * FROM calendar_mismatch");
		assertThat(mismatch.get("TRADE_DATE").toString()).isEqualTo("2026-10-25");
		assertThat(((Number) mismatch.get("CANDLES")).longValue()).isEqualTo(60);
		// a hole on Friday and on Monday: the refetched window spans the Sunday again
		jdbc.update(
				"DELETE FROM candle WHERE timeframe = '1m' AND instrument_id = (SELECT id FROM instrument "
						+ "WHERE symbol = 'RELIANCE') AND (ts = ? OR ts = ?)",
				LocalDate.of(2026, 10, 23)
					.atTime(10, 0)
					.atZone(io.marketbatch.market.TradingCalendar.IST)
					.toOffsetDateTime(),
				LocalDate.of(2026, 10, 26)
					.atTime(10, 0)
					.atZone(io.marketbatch.market.TradingCalendar.IST)
					.toOffsetDateTime());
		assertThat(requestsDuring(
				() -> run(JobNames.HISTORY_BACKFILL, "from=2026-10-23", "to=2026-10-27", "symbols=RELIANCE,TCS")))
			.isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).isEqualTo(2L * 3 * 375);
		assertThat(count("SELECT COUNT(*) FROM calendar_mismatch")).as("recorded once").isEqualTo(1);

		// the fix the log line names: the session, then a backfill of that day
		calendars.addSession(LocalDate.of(2026, 10, 25), LocalTime.of(18, 0), LocalTime.of(19, 0), "Muhurat");
		run(JobNames.HISTORY_BACKFILL, "from=2026-10-25", "to=2026-10-25", "symbols=RELIANCE,TCS");
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).isEqualTo(2L * 3 * 375 + 2 * 60);
		TestData.assertBarsFollowMinutes(jdbc);
	}

	private BigDecimal close(Instrument instrument, String time) {
		return jdbc.queryForObject("SELECT close FROM candle WHERE timeframe = '1m' AND instrument_id = ? AND ts = ?",
				BigDecimal.class, instrument.id(), ist(time));
	}

	private long dayVolume() {
		return count("SELECT volume FROM candle c JOIN instrument i ON i.id = c.instrument_id WHERE i.symbol = "
				+ "'RELIANCE' AND c.timeframe = '1d' AND c.ts = ?", ist("09:15"));
	}

	private static OffsetDateTime ist(String time) {
		return THU.atTime(LocalTime.parse(time)).atZone(io.marketbatch.market.TradingCalendar.IST).toOffsetDateTime();
	}

}
