package io.marketbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.DayCoverage;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.support.TestDatabases;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * {@link Completeness} on a real H2 and a real PostgreSQL migrated by Flyway, with the
 * seeded NSE calendar: known candles with known holes, and every expected figure worked
 * out here from the regular 09:15-15:30 session (375 minutes), not taken from the code.
 * <p>
 * The week of 2026-09-28: Mon 28 to Thu 1 Oct are regular trading days, Fri 2 Oct is
 * Gandhi Jayanti, then the weekend. Instrument FULL29 has only 29 Sep, complete; HOLEY
 * has 28 Sep complete, 29 Sep without 10:00-10:09 and 15:29, nothing on 30 Sep, and 1 Oct
 * without 09:15; EMPTY has no candle at all.
 */
class CompletenessTest {

	private static final LocalTime OPEN = LocalTime.of(9, 15);

	private static final int SESSION = 375;

	private static final LocalDate MON = LocalDate.of(2026, 9, 28);

	private static final LocalDate TUE = LocalDate.of(2026, 9, 29);

	private static final LocalDate WED = LocalDate.of(2026, 9, 30);

	private static final LocalDate THU = LocalDate.of(2026, 10, 1);

	/** Long after the days under test: every minute has settled. */
	private static final Clock AFTER = Clock.fixed(Instant.parse("2026-11-01T00:00:00Z"), ZoneOffset.UTC);

	private static final LocalDate HOLIDAY = LocalDate.of(2026, 10, 2);

	private static final LocalDate SUN = LocalDate.of(2026, 10, 4);

	private static List<Database> databases;

	record Database(String name, JdbcClient jdbc, JdbcTemplate template, Instrument holey, Instrument full,
			Instrument empty, Instrument sparse) {

		Completeness completeness() {
			return completeness(CoveragePolicy.NONE);
		}

		Completeness completeness(CoveragePolicy policy) {
			return new Completeness(jdbc, new CalendarRepository(jdbc, "NSE", false)::load, coverage(), AFTER, policy);
		}

		CandleCoverage coverage() {
			return new CandleCoverage(template, SqlDialect.of(template.getDataSource()), TradingCalendar.IST);
		}

		@Override
		public String toString() {
			return name;
		}

	}

	@BeforeAll
	static void databases() {
		// one connection kept open per database: with a new connection per statement, H2
		// failed every candle insert with "Check constraint invalid" after the
		// migration's
		// connection had closed
		String postgres = TestDatabases.newPostgresDatabase("completeness");
		databases = List.of(database("H2",
				new SingleConnectionDataSource(TestDatabases.newH2Database("completeness"), "sa", "", true), "h2"),
				database("PostgreSQL", new SingleConnectionDataSource(postgres, "postgres", "", true), "postgresql"));
	}

	static Stream<Database> both() {
		return databases.stream();
	}

	private static Database database(String name, DataSource dataSource, String vendor) {
		Flyway.configure()
			.dataSource(dataSource)
			.locations("filesystem:sql/common", "filesystem:sql/" + vendor)
			.load()
			.migrate();
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		Instrument holey = instrument(jdbc, "HOLEY");
		Instrument full = instrument(jdbc, "FULL29");
		Instrument empty = instrument(jdbc, "EMPTY");
		List<LocalDateTime> minutes = new ArrayList<>();
		minutes.addAll(session(MON));
		minutes.addAll(session(TUE).stream()
			.filter(t -> t.toLocalTime().isBefore(LocalTime.of(10, 0))
					|| !t.toLocalTime().isBefore(LocalTime.of(10, 10)))
			.filter(t -> !t.toLocalTime().equals(LocalTime.of(15, 29)))
			.toList());
		minutes.addAll(session(THU).stream().filter(t -> !t.toLocalTime().equals(OPEN)).toList());
		insert(jdbc, holey, "1m", minutes);
		// a 5-minute bar over the hole is no 1-minute candle
		insert(jdbc, holey, "5m", List.of(TUE.atTime(10, 0)));
		insert(jdbc, full, "1m", session(TUE));
		// SPARSE traded on MON in all but 09:20-09:24 and 11:00, and the broker said so;
		// 14:00 was answered with a candle, which is gone since (deleted by hand)
		Instrument sparse = instrument(jdbc, "SPARSE");
		List<LocalDateTime> traded = session(MON).stream()
			.filter(t -> t.toLocalTime().isBefore(LocalTime.of(9, 20))
					|| !t.toLocalTime().isBefore(LocalTime.of(9, 25)))
			.filter(t -> !t.toLocalTime().equals(LocalTime.of(11, 0)))
			.toList();
		insert(jdbc, sparse, "1m", traded.stream().filter(t -> !t.toLocalTime().equals(LocalTime.of(14, 0))).toList());
		TradingCalendar calendar = new CalendarRepository(JdbcClient.create(dataSource), "NSE", false).load();
		DayCoverage answer = DayCoverage.answered(calendar, MON, calendar.sessionClose(MON),
				traded.stream().map(CompletenessTest::ist).toList());
		new CandleCoverage(jdbc, SqlDialect.of(dataSource), TradingCalendar.IST).record(List
			.of(CandleBatch.of(sparse, CandleBatch.MINUTE_DATASET, "test", List.of()).withCoverage(List.of(answer))),
				AFTER.instant());
		return new Database(name, JdbcClient.create(dataSource), jdbc, holey, full, empty, sparse);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void answeredMinutesWithoutACandleAreNoTradeAndALostCandleIsMissing(Database db) {
		Completeness.InstrumentDay mon = db.completeness().day(MON, List.of(db.sparse())).instruments().get(0);

		assertThat(mon.expectedMinutes()).isEqualTo(SESSION);
		assertThat(mon.presentMinutes()).isEqualTo(SESSION - 7);
		assertThat(mon.noTradeMinutes()).isEqualTo(6);
		assertThat(mon.missingMinutes()).isEqualTo(1);
		// (368 + 6) / 375 = 99.7333...
		assertThat(mon.percent()).isEqualByComparingTo("99.73");
		assertThat(mon.missing()).containsExactly(range(MON, 14, 0, 14, 0, 1));
		// the lost candle makes the day incomplete: a backfill asks for it again
		assertThat(db.completeness().incompleteDays(db.sparse().id(), MON, MON)).containsExactly(MON);
		assertThat(db.completeness().missingMinutes(db.sparse().id(), MON, ist(MON.atTime(16, 0))))
			.containsExactly(ist(MON.atTime(14, 0)));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void aDayWhollyAnsweredAndStoredIsCompleteWithItsNoTradeMinutes(Database db) {
		Completeness completeness = db.completeness();
		insert(db.template(), db.sparse(), "1m", List.of(MON.atTime(14, 0)));
		try {
			Completeness.InstrumentDay mon = completeness.day(MON, List.of(db.sparse())).instruments().get(0);
			assertThat(mon.presentMinutes()).isEqualTo(SESSION - 6);
			assertThat(mon.noTradeMinutes()).isEqualTo(6);
			assertThat(mon.missingMinutes()).isZero();
			assertThat(mon.percent()).isEqualByComparingTo("100");
			assertThat(mon.missing()).isEmpty();
			assertThat(completeness.incompleteDays(db.sparse().id(), MON, MON)).isEmpty();
			assertThat(completeness.missingMinutes(db.sparse().id(), MON, ist(MON.atTime(16, 0)))).isEmpty();
		}
		finally {
			db.template()
				.update("DELETE FROM candle WHERE instrument_id = ? AND ts = ?", db.sparse().id(),
						ist(MON.atTime(14, 0)).atOffset(ZoneOffset.UTC));
		}
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void daysBeforeTheBrokersHistoryAreUnavailableNotMissing(Database db) {
		Completeness shallow = db.completeness(new CoveragePolicy(Duration.ZERO, today -> Optional.of(WED)));

		Completeness.InstrumentDay tue = shallow.day(TUE, List.of(db.empty())).instruments().get(0);
		assertThat(tue.unavailableMinutes()).isEqualTo(SESSION);
		assertThat(tue.missingMinutes()).isZero();
		assertThat(tue.missing()).isEmpty();
		assertThat(shallow.incompleteDays(db.empty().id(), MON, SUN)).containsExactly(WED, THU);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void todayExpectsOnlyMinutesThatFinishedAndSettled(Database db) {
		// 10:00:30 on TUE with a 2-minute settle lag: 09:15..09:57 are expected
		Clock at = Clock.fixed(ist(TUE.atTime(10, 0, 30)), ZoneOffset.UTC);
		Completeness live = new Completeness(db.jdbc(), new CalendarRepository(db.jdbc(), "NSE", false)::load,
				db.coverage(), at, new CoveragePolicy(Duration.ofMinutes(2), today -> Optional.empty()));

		Completeness.InstrumentDay empty = live.day(TUE, List.of(db.empty())).instruments().get(0);
		assertThat(empty.expectedMinutes()).isEqualTo(43);
		assertThat(empty.missing()).containsExactly(range(TUE, 9, 15, 9, 57, 43));
		// a gap fill at 10:00:30 asks for nothing younger than the lag
		assertThat(live.missingMinutes(db.empty().id(), TUE, at.instant())).hasSize(43)
			.endsWith(ist(TUE.atTime(9, 57)));
		// an unclosed day is the gap fill's, not the backfill's
		assertThat(live.incompleteDays(db.empty().id(), MON, TUE)).containsExactly(MON);
	}

	private static Instrument instrument(JdbcTemplate jdbc, String symbol) {
		jdbc.update("INSERT INTO instrument (exchange, symbol, instrument_type, updated_at) VALUES ('NSE', ?, 'EQ', ?)",
				symbol, OffsetDateTime.now(ZoneOffset.UTC));
		long id = jdbc.queryForObject("SELECT id FROM instrument WHERE symbol = ?", Long.class, symbol);
		return new Instrument(id, "NSE", symbol, null, symbol, "EQ", null);
	}

	/** Every minute start of a regular session, in IST. */
	private static List<LocalDateTime> session(LocalDate day) {
		return Stream.iterate(day.atTime(OPEN), t -> t.plusMinutes(1)).limit(SESSION).toList();
	}

	private static void insert(JdbcTemplate jdbc, Instrument instrument, String timeframe,
			List<LocalDateTime> minutes) {
		jdbc.batchUpdate(
				"INSERT INTO candle (instrument_id, timeframe, ts, open, high, low, close, volume, source, "
						+ "updated_at) VALUES (?, CAST(? AS VARCHAR(3)), ?, 100, 101, 99, 100, 10, 'test', ?)",
				minutes, 1000, (ps, t) -> {
					ps.setLong(1, instrument.id());
					ps.setString(2, timeframe);
					ps.setObject(3, ist(t).atOffset(ZoneOffset.UTC));
					ps.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
				});
	}

	private static Instant ist(LocalDateTime t) {
		return t.atZone(TradingCalendar.IST).toInstant();
	}

	private static Completeness.MissingRange range(LocalDate day, int fromHour, int fromMinute, int toHour,
			int toMinute, int minutes) {
		return new Completeness.MissingRange(
				day.atTime(fromHour, fromMinute).atZone(TradingCalendar.IST).toOffsetDateTime(),
				day.atTime(toHour, toMinute).atZone(TradingCalendar.IST).toOffsetDateTime(), minutes);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void aDayReportsExpectedPresentAndMissingRunsPerInstrumentInTheGivenOrder(Database db) {
		Completeness.DayReport report = db.completeness().day(TUE, List.of(db.holey(), db.full(), db.empty()));

		assertThat(report.date()).isEqualTo(TUE);
		assertThat(report.closedReason()).isNull();
		assertThat(report.instruments()).extracting(Completeness.InstrumentDay::symbol)
			.containsExactly("HOLEY", "FULL29", "EMPTY");
		Completeness.InstrumentDay holey = report.instruments().get(0);
		assertThat(holey.expectedMinutes()).isEqualTo(SESSION);
		assertThat(holey.presentMinutes()).isEqualTo(SESSION - 10 - 1);
		// 364 / 375 = 97.0666...
		assertThat(holey.percent()).isEqualByComparingTo("97.07");
		assertThat(holey.missing()).containsExactly(range(TUE, 10, 0, 10, 9, 10), range(TUE, 15, 29, 15, 29, 1));
		Completeness.InstrumentDay full = report.instruments().get(1);
		assertThat(full.presentMinutes()).isEqualTo(SESSION);
		assertThat(full.percent()).isEqualByComparingTo("100");
		assertThat(full.missing()).isEmpty();
		Completeness.InstrumentDay empty = report.instruments().get(2);
		assertThat(empty.presentMinutes()).isZero();
		assertThat(empty.percent()).isEqualByComparingTo(BigDecimal.ZERO);
		assertThat(empty.missing()).containsExactly(range(TUE, 9, 15, 15, 29, SESSION));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void missingFirstMinuteAndMissingWholeDayAreOneRunEach(Database db) {
		Completeness completeness = db.completeness();

		Completeness.InstrumentDay thu = completeness.day(THU, List.of(db.holey())).instruments().get(0);
		assertThat(thu.presentMinutes()).isEqualTo(SESSION - 1);
		// 374 / 375 = 99.7333...
		assertThat(thu.percent()).isEqualByComparingTo("99.73");
		assertThat(thu.missing()).containsExactly(range(THU, 9, 15, 9, 15, 1));
		Completeness.InstrumentDay wed = completeness.day(WED, List.of(db.holey())).instruments().get(0);
		assertThat(wed.missing()).containsExactly(range(WED, 9, 15, 15, 29, SESSION));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void aClosedDayExpectsNothingAndSaysWhy(Database db) {
		Completeness.DayReport holiday = db.completeness().day(HOLIDAY, List.of(db.holey(), db.empty()));

		assertThat(holiday.closedReason()).isEqualTo("Gandhi Jayanti");
		assertThat(holiday.instruments()).allSatisfy(day -> {
			assertThat(day.expectedMinutes()).isZero();
			assertThat(day.presentMinutes()).isZero();
			assertThat(day.percent()).isEqualByComparingTo("100");
			assertThat(day.missing()).isEmpty();
		});
		assertThat(db.completeness().day(SUN, List.of(db.holey())).closedReason()).contains("weekend");
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void incompleteDaysAreTheTradingDaysWithAnyMissingMinute(Database db) {
		Completeness completeness = db.completeness();

		assertThat(completeness.incompleteDays(db.holey().id(), MON, SUN)).containsExactly(TUE, WED, THU);
		assertThat(completeness.incompleteDays(db.full().id(), MON, SUN)).containsExactly(MON, WED, THU);
		assertThat(completeness.incompleteDays(db.empty().id(), MON, SUN)).containsExactly(MON, TUE, WED, THU);
		assertThat(completeness.incompleteDays(db.full().id(), TUE, TUE)).isEmpty();
		assertThat(completeness.incompleteDays(db.holey().id(), HOLIDAY, SUN)).isEmpty();
		assertThat(completeness.incompleteDayReports(db.holey(), MON, SUN))
			.extracting(Completeness.InstrumentDay::date, Completeness.InstrumentDay::presentMinutes)
			.containsExactly(org.assertj.core.groups.Tuple.tuple(TUE, SESSION - 11),
					org.assertj.core.groups.Tuple.tuple(WED, 0), org.assertj.core.groups.Tuple.tuple(THU, SESSION - 1));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("both")
	void missingMinutesAreTheFinishedExpectedMinutesNotStored(Database db) {
		Completeness completeness = db.completeness();

		// at 10:05:30 the minutes up to 10:04 are finished; 10:00-10:04 of the hole are
		// missing
		assertThat(completeness.missingMinutes(db.holey().id(), TUE, ist(TUE.atTime(10, 5, 30)))).containsExactly(
				ist(TUE.atTime(10, 0)), ist(TUE.atTime(10, 1)), ist(TUE.atTime(10, 2)), ist(TUE.atTime(10, 3)),
				ist(TUE.atTime(10, 4)));
		// after the close: the whole hole and the last minute
		List<Instant> afterClose = completeness.missingMinutes(db.holey().id(), TUE, ist(TUE.atTime(16, 0)));
		assertThat(afterClose).hasSize(11)
			.startsWith(ist(TUE.atTime(10, 0)))
			.endsWith(ist(TUE.atTime(10, 9)), ist(TUE.atTime(15, 29)));
		// 15:29 finishes exactly at the close
		assertThat(completeness.missingMinutes(db.holey().id(), TUE, ist(TUE.atTime(15, 30)))).hasSize(11);
		assertThat(completeness.missingMinutes(db.holey().id(), TUE, ist(TUE.atTime(15, 29, 59)))).hasSize(10);
		assertThat(completeness.missingMinutes(db.holey().id(), TUE, ist(TUE.atTime(9, 15, 59)))).isEmpty();
		assertThat(completeness.missingMinutes(db.empty().id(), TUE, ist(TUE.atTime(9, 20)))).containsExactly(
				ist(TUE.atTime(9, 15)), ist(TUE.atTime(9, 16)), ist(TUE.atTime(9, 17)), ist(TUE.atTime(9, 18)),
				ist(TUE.atTime(9, 19)));
		assertThat(completeness.missingMinutes(db.full().id(), TUE, ist(TUE.atTime(16, 0)))).isEmpty();
		assertThat(completeness.missingMinutes(db.empty().id(), HOLIDAY, ist(HOLIDAY.atTime(16, 0)))).isEmpty();
	}

}
