package io.marketbatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.support.TestCalendars;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

class TradingCalendarTest {

	private final TradingCalendar calendar = TestCalendars.nse();

	private static Instant ist(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(TradingCalendar.IST).toInstant();
	}

	@Test
	void normalDayHas375MinutesFrom0915To1529() {
		List<Instant> minutes = calendar.expectedMinutes(LocalDate.of(2026, 10, 29));
		assertThat(minutes).hasSize(375);
		assertThat(minutes.get(0)).isEqualTo(Instant.parse("2026-10-29T03:45:00Z"));
		assertThat(minutes.get(374)).isEqualTo(ist("2026-10-29T15:29"));
		assertThat(minutes).doesNotHaveDuplicates().isSorted();
	}

	@Test
	void holidayIsClosedWithItsName() {
		TradingDay day = calendar.day(LocalDate.of(2026, 10, 2));
		assertThat(day.isOpen()).isFalse();
		assertThat(day.closedReason()).isEqualTo("Gandhi Jayanti");
		assertThat(calendar.expectedMinutes(day.date())).isEmpty();
		assertThat(calendar.closedReason(ist("2026-10-02T10:15"))).contains("Gandhi Jayanti");
	}

	@Test
	void weekendIsClosed() {
		assertThat(calendar.day(LocalDate.of(2026, 11, 21)).closedReason()).isEqualTo("weekend (Saturday)");
		assertThat(calendar.isOpen(ist("2026-11-22T10:15"))).isFalse();
	}

	@Test
	void muhuratSpecialSessionOpensOnlyItsHour() {
		LocalDate diwali = LocalDate.of(2025, 10, 21);
		List<Instant> minutes = calendar.expectedMinutes(diwali);
		assertThat(minutes).hasSize(60);
		assertThat(minutes.get(0)).isEqualTo(ist("2025-10-21T13:45"));
		assertThat(minutes.get(59)).isEqualTo(ist("2025-10-21T14:44"));
		assertThat(calendar.isOpen(ist("2025-10-21T10:15"))).isFalse();
		assertThat(calendar.isOpen(ist("2025-10-21T14:00"))).isTrue();
		assertThat(calendar.day(diwali).note()).contains("Muhurat");
	}

	@Test
	void budgetDaysAreFullSessionsOnAWeekend() {
		for (LocalDate budget : List.of(LocalDate.of(2025, 2, 1), LocalDate.of(2026, 2, 1))) {
			assertThat(budget.getDayOfWeek().getValue()).as(budget + " is a weekend day").isGreaterThanOrEqualTo(6);
			assertThat(calendar.expectedMinuteCount(budget)).as(budget.toString()).isEqualTo(375);
			assertThat(calendar.day(budget).note()).contains("Union Budget");
		}
		// the weekend day beside each stays closed
		assertThat(calendar.isTradingDay(LocalDate.of(2025, 2, 2))).isFalse();
		assertThat(calendar.isTradingDay(LocalDate.of(2026, 1, 31))).isFalse();
		assertThat(calendar.tradingDays(LocalDate.of(2026, 1, 30), LocalDate.of(2026, 2, 2))).hasSize(3);
	}

	@Test
	void sessionBoundsAreHalfOpen() {
		assertThat(calendar.isOpen(ist("2026-10-29T09:14"))).isFalse();
		assertThat(calendar.isOpen(ist("2026-10-29T09:15"))).isTrue();
		assertThat(calendar.isOpen(ist("2026-10-29T15:29"))).isTrue();
		assertThat(calendar.closedReason(ist("2026-10-29T15:30")))
			.hasValueSatisfying(r -> assertThat(r).startsWith("outside market hours"));
	}

	@Test
	void septemberAndOctober2026Have41TradingDays() {
		List<LocalDate> days = calendar.tradingDays(LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 30));
		assertThat(days).hasSize(41)
			.doesNotContain(LocalDate.of(2026, 9, 14), LocalDate.of(2026, 10, 2), LocalDate.of(2026, 10, 20));
	}

	@Test
	void lastCompletedTradingDaySkipsTodayBeforeTheCloseAndHolidays() {
		assertThat(calendar.lastCompletedTradingDay(ist("2026-10-29T15:00"))).isEqualTo(LocalDate.of(2026, 10, 28));
		assertThat(calendar.lastCompletedTradingDay(ist("2026-10-29T15:30"))).isEqualTo(LocalDate.of(2026, 10, 29));
		assertThat(calendar.lastCompletedTradingDay(ist("2026-10-03T12:00"))).isEqualTo(LocalDate.of(2026, 10, 1));
	}

	@Test
	void alwaysOpenModeOpensEveryDayAllDay() {
		TradingCalendar always = TradingCalendar.alwaysOpen("NSE");
		assertThat(always.isOpen(ist("2026-11-22T03:00"))).isTrue();
		assertThat(always.expectedMinuteCount(LocalDate.of(2026, 10, 2))).isEqualTo(23 * 60 + 59);
	}

}
