package io.marketbatch.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.market.BarAggregator;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Timeframe;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;
import io.marketbatch.support.TestDatabases;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The exchange calendars as the V15 migration seeds them (on H2; the PostgreSQL run of
 * the same migration is in the exchanges job contract), against the hours and bar counts
 * of {@code exchanges.md} §4 and §7, computed by hand from the published sessions.
 */
class ExchangeCalendarsTest {

	private static CalendarRepository calendars;

	private static JdbcClient jdbc;

	/** Thu 2026-10-29: a normal weekday everywhere, MCX in its 23:30 season. */
	private static final LocalDate THU = LocalDate.of(2026, 10, 29);

	/** Mon 2026-11-30: MCX in its 23:55 season, F&O after its 15:40 change. */
	private static final LocalDate WINTER = LocalDate.of(2026, 11, 30);

	@BeforeAll
	static void migrate() {
		SingleConnectionDataSource db = new SingleConnectionDataSource(TestDatabases.newH2Database("exchanges"), "sa",
				"", true);
		Flyway.configure().dataSource(db).locations("filesystem:sql/common", "filesystem:sql/h2").load().migrate();
		jdbc = JdbcClient.create(db);
		calendars = new CalendarRepository(jdbc, "NSE", false);
	}

	private static Instant ist(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(TradingCalendar.IST).toInstant();
	}

	/** Bars of each timeframe from a trade in every minute of the day. */
	private static List<Candle> bars(TradingCalendar cal, LocalDate day, Timeframe timeframe) {
		List<Candle> minutes = cal.expectedMinutes(day)
			.stream()
			.map(t -> new Candle(1, Timeframe.M1, t, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, BigDecimal.ONE, 1,
					null))
			.toList();
		return BarAggregator.aggregate(minutes, cal.barAnchor(day), cal.sessionOpen(day), timeframe);
	}

	@Test
	void theSevenBrokerExchangesAreKnownAndAnUnknownOneIsNamed() {
		assertThat(calendars.exchanges()).containsExactly("BCD", "BFO", "BSE", "CDS", "MCX", "NFO", "NSE");
		assertThatThrownBy(() -> calendars.load("NSCOM")).isInstanceOf(IllegalArgumentException.class)
			.hasMessage("unknown exchange 'NSCOM': the exchanges are BCD, BFO, BSE, CDS, MCX, NFO, NSE");
	}

	@Test
	void nseAndBseCashHave375MinutesAnchoredAt0915() {
		for (String exchange : List.of("NSE", "BSE")) {
			TradingCalendar cal = calendars.load(exchange);
			assertThat(cal.expectedMinuteCount(THU)).isEqualTo(375);
			assertThat(bars(cal, THU, Timeframe.M5)).hasSize(75);
			assertThat(bars(cal, THU, Timeframe.M15)).hasSize(25);
			List<Candle> hourly = bars(cal, THU, Timeframe.H1);
			assertThat(hourly).hasSize(7);
			assertThat(hourly.get(6).ts()).isEqualTo(ist("2026-10-29T15:15"));
			assertThat(cal.expectedMinuteCount(WINTER)).isEqualTo(375);
		}
	}

	@Test
	void futuresAndOptionsClose1540From3August2026() {
		for (String exchange : List.of("NFO", "BFO")) {
			TradingCalendar cal = calendars.load(exchange);
			assertThat(cal.expectedMinuteCount(LocalDate.of(2026, 7, 31))).isEqualTo(375);
			assertThat(cal.expectedMinuteCount(LocalDate.of(2026, 8, 3))).isEqualTo(385);
			assertThat(bars(cal, THU, Timeframe.M5)).hasSize(77);
			List<Candle> quarters = bars(cal, THU, Timeframe.M15);
			assertThat(quarters).hasSize(26);
			assertThat(quarters.get(25).ts()).isEqualTo(ist("2026-10-29T15:30"));
			assertThat(bars(cal, THU, Timeframe.H1)).hasSize(7);
			assertThat(cal.day(LocalDate.of(2026, 10, 2)).isOpen()).isFalse();
		}
	}

	@Test
	void currencyTrades0900To1700WithTheBankHolidaysAndNoBudgetSession() {
		TradingCalendar cds = calendars.load("CDS");
		assertThat(cds.expectedMinuteCount(THU)).isEqualTo(480);
		assertThat(cds.expectedMinutes(THU).get(0)).isEqualTo(ist("2026-10-29T09:00"));
		assertThat(bars(cds, THU, Timeframe.M5)).hasSize(96);
		assertThat(bars(cds, THU, Timeframe.M15)).hasSize(32);
		assertThat(bars(cds, THU, Timeframe.H1)).hasSize(8);
		for (String date : List.of("2026-02-19", "2026-03-19", "2026-04-01", "2026-08-26", "2026-01-15",
				"2026-10-02")) {
			assertThat(cds.isTradingDay(LocalDate.parse(date))).as(date).isFalse();
			assertThat(calendars.load("BCD").isTradingDay(LocalDate.parse(date))).as("BCD " + date).isFalse();
		}
		assertThat(cds.isTradingDay(LocalDate.of(2026, 2, 1))).isFalse();
		assertThat(calendars.load("NSE").isTradingDay(LocalDate.of(2026, 2, 19))).isTrue();
		assertThat(cds.expectedMinuteCount(LocalDate.of(2025, 10, 21))).isEqualTo(60);
	}

	@Test
	void mcxSummerDayRunsTo2330InBucketsFrom0900() {
		TradingCalendar mcx = calendars.load("MCX");
		assertThat(mcx.expectedMinuteCount(THU)).isEqualTo(870);
		assertThat(mcx.expectedMinutes(THU).get(869)).isEqualTo(ist("2026-10-29T23:29"));
		List<Candle> fives = bars(mcx, THU, Timeframe.M5);
		assertThat(fives).hasSize(174);
		assertThat(fives.get(1).ts()).isEqualTo(ist("2026-10-29T09:05"));
		assertThat(bars(mcx, THU, Timeframe.M15)).hasSize(58);
		List<Candle> hourly = bars(mcx, THU, Timeframe.H1);
		assertThat(hourly).hasSize(15);
		assertThat(hourly.get(0).ts()).isEqualTo(ist("2026-10-29T09:00"));
		assertThat(hourly.get(14).ts()).isEqualTo(ist("2026-10-29T23:00"));
		List<Candle> daily = bars(mcx, THU, Timeframe.D1);
		assertThat(daily).hasSize(1);
		assertThat(daily.get(0).volume()).isEqualTo(870);
	}

	@Test
	void mcxWinterDayRunsTo2355WithShortLastBars() {
		TradingCalendar mcx = calendars.load("MCX");
		assertThat(mcx.expectedMinuteCount(WINTER)).isEqualTo(895);
		assertThat(bars(mcx, WINTER, Timeframe.M5)).hasSize(179);
		List<Candle> quarters = bars(mcx, WINTER, Timeframe.M15);
		assertThat(quarters).hasSize(60);
		assertThat(quarters.get(59).ts()).isEqualTo(ist("2026-11-30T23:45"));
		assertThat(quarters.get(59).volume()).isEqualTo(10);
		List<Candle> hourly = bars(mcx, WINTER, Timeframe.H1);
		assertThat(hourly).hasSize(15);
		assertThat(hourly.get(14).volume()).isEqualTo(55);
		// the switch days of the periods table
		assertThat(mcx.expectedMinuteCount(LocalDate.of(2026, 10, 30))).isEqualTo(870);
		assertThat(mcx.expectedMinuteCount(LocalDate.of(2026, 11, 2))).isEqualTo(895);
		assertThat(mcx.expectedMinuteCount(LocalDate.of(2026, 3, 6))).isEqualTo(895);
		assertThat(mcx.expectedMinuteCount(LocalDate.of(2026, 3, 9))).isEqualTo(870);
	}

	@Test
	void mcxEveningOnlyDaysCount390Or415OnThe0900Grid() {
		TradingCalendar mcx = calendars.load("MCX");
		LocalDate dussehra = LocalDate.of(2026, 10, 20);
		assertThat(mcx.expectedMinuteCount(dussehra)).isEqualTo(390);
		assertThat(mcx.expectedMinutes(dussehra).get(0)).isEqualTo(ist("2026-10-20T17:00"));
		assertThat(bars(mcx, dussehra, Timeframe.M5)).hasSize(78);
		assertThat(bars(mcx, dussehra, Timeframe.M15)).hasSize(26);
		List<Candle> hourly = bars(mcx, dussehra, Timeframe.H1);
		assertThat(hourly).hasSize(7);
		assertThat(hourly.get(0).ts()).isEqualTo(ist("2026-10-20T17:00"));
		LocalDate gurpurb = LocalDate.of(2026, 11, 24);
		assertThat(mcx.expectedMinuteCount(gurpurb)).isEqualTo(415);
		assertThat(bars(mcx, gurpurb, Timeframe.M5)).hasSize(83);
		assertThat(bars(mcx, gurpurb, Timeframe.M15)).hasSize(28);
		assertThat(bars(mcx, gurpurb, Timeframe.H1)).hasSize(7);
		// New Year's morning, the Budget Sunday, Christmas
		assertThat(mcx.expectedMinuteCount(LocalDate.of(2026, 1, 1))).isEqualTo(480);
		assertThat(mcx.expectedMinuteCount(LocalDate.of(2026, 2, 1))).isEqualTo(480);
		assertThat(mcx.isTradingDay(LocalDate.of(2026, 12, 25))).isFalse();
	}

	@Test
	void mcxAgriSegmentsClipTheDayToTheirOwnHours() {
		TradingCalendar intlAgri = calendars.load("MCX", "AGRI_INTL");
		TradingCalendar otherAgri = calendars.load("MCX", "AGRI");
		assertThat(intlAgri.expectedMinuteCount(THU)).isEqualTo(720);
		assertThat(otherAgri.expectedMinuteCount(THU)).isEqualTo(480);
		LocalDate dussehra = LocalDate.of(2026, 10, 20);
		TradingDay evening = intlAgri.day(dussehra);
		assertThat(evening.session().opens()).isEqualTo(LocalTime.of(17, 0));
		assertThat(evening.session().closes()).isEqualTo(LocalTime.of(21, 0));
		assertThat(intlAgri.expectedMinuteCount(dussehra)).isEqualTo(240);
		assertThat(otherAgri.isTradingDay(dussehra)).isFalse();
		assertThat(otherAgri.day(dussehra).closedReason()).startsWith("Dussehra (morning closed)");
	}

	@Test
	void aMuhuratHourKeepsTheExchangeGrid() {
		TradingCalendar bse = calendars.load("BSE");
		LocalDate diwali = LocalDate.of(2025, 10, 21);
		assertThat(bse.expectedMinuteCount(diwali)).isEqualTo(60);
		assertThat(bars(bse, diwali, Timeframe.M5)).hasSize(12);
		assertThat(bars(bse, diwali, Timeframe.M15)).hasSize(4);
		// 13:45-14:45 on the 09:15 grid: part of 13:15-14:15 and part of 14:15-15:15
		assertThat(bars(bse, diwali, Timeframe.H1)).extracting(Candle::ts)
			.containsExactly(ist("2025-10-21T13:15"), ist("2025-10-21T14:15"));
		assertThat(bars(calendars.load("MCX"), diwali, Timeframe.H1)).extracting(Candle::ts)
			.containsExactly(ist("2025-10-21T13:00"), ist("2025-10-21T14:00"));
	}

	@Test
	void bseHolidaysFollowItsList() {
		TradingCalendar bse = calendars.load("BSE");
		assertThat(bse.day(LocalDate.of(2026, 1, 15)).closedReason()).startsWith("Maharashtra municipal elections");
		assertThat(bse.isTradingDay(LocalDate.of(2026, 2, 1))).isTrue();
		assertThat(bse.tradingDays(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31))).hasSize(246);
	}

	@Test
	void alwaysOpenModeWorksForEveryKnownExchange() {
		CalendarRepository open = new CalendarRepository(jdbc, "NSE", true);
		assertThat(open.load("MCX").expectedMinuteCount(THU)).isEqualTo(24 * 60 - 1);
		assertThat(open.load("CDS").isTradingDay(LocalDate.of(2026, 10, 2))).isTrue();
		assertThatThrownBy(() -> open.load("XNSE")).hasMessageStartingWith("unknown exchange 'XNSE'");
	}

}
