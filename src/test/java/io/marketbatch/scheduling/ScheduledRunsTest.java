package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.jobs.JobNames;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.support.TestCalendars;

import java.time.Instant;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Which firings launch a job and with what business key, for a fixed fire time. */
class ScheduledRunsTest {

	private final TradingCalendar calendar = TestCalendars.nse();

	private static Instant ist(String local) {
		return LocalDateTime.parse(local).atZone(TradingCalendar.IST).toInstant();
	}

	private Map<String, String> params = new LinkedHashMap<>();

	@Test
	void anOpenMinuteLaunchesItsSnapshotKeyedByTheFireTime() {
		assertThat(ScheduledRuns.parametersFor(JobNames.LTP_SNAPSHOT, ist("2026-10-29T10:15:00.120"), calendar, params))
			.isNull();
		assertThat(params).containsEntry("minute", "2026-10-29T10:15");
	}

	@Test
	void aHolidayIsSkippedWithItsName() {
		assertThat(ScheduledRuns.parametersFor(JobNames.LTP_SNAPSHOT, ist("2026-10-02T10:15"), calendar, params))
			.isEqualTo("Gandhi Jayanti");
		assertThat(params).isEmpty();
	}

	@Test
	void aWeekendIsSkipped() {
		assertThat(ScheduledRuns.parametersFor(JobNames.GAP_FILL, ist("2026-11-21T11:00"), calendar, params))
			.isEqualTo("weekend (Saturday)");
		assertThat(ScheduledRuns.parametersFor(JobNames.DAILY_BACKFILL, ist("2026-11-22T16:00"), calendar, params))
			.isEqualTo("weekend (Sunday)");
	}

	@Test
	void aMuhuratMinuteIsFiredAndTheClosedMorningOfThatDayIsNot() {
		assertThat(ScheduledRuns.parametersFor(JobNames.LTP_SNAPSHOT, ist("2025-10-21T14:00"), calendar, params))
			.isNull();
		assertThat(ScheduledRuns.parametersFor(JobNames.LTP_SNAPSHOT, ist("2025-10-21T10:00"), calendar,
				new LinkedHashMap<>()))
			.startsWith("outside market hours");
	}

	@Test
	void gapFillRunsOnItsFiveMinuteSlotUntilJustAfterTheClose() {
		assertThat(ScheduledRuns.parametersFor(JobNames.GAP_FILL, ist("2026-10-29T10:20:30"), calendar, params))
			.isNull();
		assertThat(params).containsEntry("runAt", "2026-10-29T10:20");
		assertThat(ScheduledRuns.parametersFor(JobNames.GAP_FILL, ist("2026-10-29T15:35:30"), calendar,
				new LinkedHashMap<>()))
			.isNull();
		assertThat(ScheduledRuns.parametersFor(JobNames.GAP_FILL, ist("2026-10-29T09:15:30"), calendar,
				new LinkedHashMap<>()))
			.startsWith("outside market hours");
	}

	@Test
	void theSundayBackfillCoversTwoMonthsToTheLastTradingDay() {
		assertThat(ScheduledRuns.parametersFor(JobNames.HISTORY_BACKFILL, ist("2026-11-22T10:00"), calendar, params))
			.isNull();
		assertThat(params).containsEntry("to", "2026-11-20").containsEntry("from", "2026-09-21");
	}

}
