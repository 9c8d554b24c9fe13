package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.TimeZone;

import org.junit.jupiter.api.Test;

/**
 * A firing keys its run by the cron time it stands for: a fire-once trigger that misfired
 * and fires on the service's return stands for the time it missed.
 */
class FireTimesTest {

	private static final TimeZone IST = TimeZone.getTimeZone(TradingCalendar.IST);

	private static Instant ist(String local) {
		return LocalDateTime.parse(local).atZone(TradingCalendar.IST).toInstant();
	}

	@Test
	void aMissedWeeklyFireStandsForItsSunday() {
		// Monday 2026-11-23 17:00: back after a weekend down
		assertThat(FireTimes.latest("0 0 10 ? * SUN", IST, ist("2026-11-23T17:00:00")))
			.contains(ist("2026-11-22T10:00:00"));
	}

	@Test
	void aMissedDailyFireStandsForTheLatestDayItMissed() {
		assertThat(FireTimes.latest("0 0 16 * * ?", IST, ist("2026-11-24T07:12:09.315")))
			.contains(ist("2026-11-23T16:00:00"));
	}

	@Test
	void anOnTimeFireStandsForItself() {
		assertThat(FireTimes.latest("0 * * * * ?", IST, ist("2026-10-29T10:15:00")))
			.contains(ist("2026-10-29T10:15:00"));
		assertThat(FireTimes.latest("30 */5 * * * ?", IST, ist("2026-10-29T10:15:30.250")))
			.contains(ist("2026-10-29T10:15:30"));
	}

	@Test
	void nothingOlderThanEightDaysIsLookedFor() {
		assertThat(FireTimes.latest("0 0 10 1 1 ? 2026", IST, ist("2026-11-23T17:00:00"))).isEmpty();
	}

}
