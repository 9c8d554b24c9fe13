package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.support.TestCalendars;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The job specs without Spring: parameters and their defaults for a fixed clock, the
 * business key a scheduled fire time stands for, the market status, the default
 * schedules. Expected values come from the NSE calendar (2026-10-02 Gandhi Jayanti,
 * 2025-10-21 Muhurat 13:45-14:45).
 */
class JobSpecsTest {

	private final TradingCalendar calendar = TestCalendars.nse();

	private static Instant ist(String local) {
		return LocalDateTime.parse(local).atZone(TradingCalendar.IST).toInstant();
	}

	private JobParameters resolve(JobSpec spec, String now, Map<String, String> raw) {
		JobParametersBuilder parameters = new JobParametersBuilder();
		spec.resolve(new RawParameters(raw), ist(now), calendar, parameters);
		return parameters.toJobParameters();
	}

	@Test
	void everyJobHasASpecAndOnlyEodAggregationHasNoTriggerOfItsOwn() {
		List<JobSpec> specs = List.of(new InstrumentSyncSpec(), new LtpSnapshotSpec(), new GapFillSpec(),
				new DailyBackfillSpec(), new EodAggregationSpec(), new HistoryBackfillSpec(), new HousekeepingSpec(),
				new LiveCaptureSpec());
		assertThat(specs).extracting(JobSpec::name).containsExactlyElementsOf(JobNames.ALL);
		assertThat(specs).filteredOn(s -> s.schedule().isEmpty())
			.extracting(JobSpec::name)
			.containsExactly("eodAggregation");
		assertThat(specs).filteredOn(JobSpec::takesSelection)
			.extracting(JobSpec::name)
			.doesNotContain("instrumentSync")
			.hasSize(6);
	}

	@Test
	void defaultSchedulesSkipMissedMinutesAndFireMissedDaysOnce() {
		assertThat(new LtpSnapshotSpec().schedule()).contains(new JobSchedule("0 * * * * ?", JobSchedule.Misfire.SKIP));
		assertThat(new GapFillSpec().schedule()).contains(new JobSchedule("30 */5 * * * ?", JobSchedule.Misfire.SKIP));
		assertThat(new DailyBackfillSpec().schedule())
			.contains(new JobSchedule("0 0/30 16-23 * * ?", JobSchedule.Misfire.FIRE_ONCE));
		assertThat(new InstrumentSyncSpec().schedule())
			.contains(new JobSchedule("0 30 8 * * ?", JobSchedule.Misfire.FIRE_ONCE));
		assertThat(new HistoryBackfillSpec().schedule())
			.contains(new JobSchedule("0 0 10 ? * SUN", JobSchedule.Misfire.FIRE_ONCE));
	}

	@Test
	void anOpenMinuteFiresItsSnapshotKeyedByTheScheduledTime() {
		Firing firing = new LtpSnapshotSpec().firing(ist("2026-10-29T10:15:00.120"), calendar);
		assertThat(firing.status().open()).isTrue();
		assertThat(firing.parameters()).isEqualTo(Map.of("minute", "2026-10-29T10:15"));
	}

	@Test
	void aHolidayIsSkippedWithItsName() {
		assertThat(new LtpSnapshotSpec().firing(ist("2026-10-02T10:15"), calendar))
			.isEqualTo(Firing.closed("Gandhi Jayanti"));
	}

	@Test
	void aWeekendIsSkipped() {
		assertThat(new GapFillSpec().firing(ist("2026-11-21T11:00"), calendar).status())
			.isEqualTo(MarketStatus.closed("weekend (Saturday)"));
		assertThat(new DailyBackfillSpec().firing(ist("2026-11-22T16:00"), calendar).status())
			.isEqualTo(MarketStatus.closed("weekend (Sunday)"));
		assertThat(new InstrumentSyncSpec().firing(ist("2026-11-22T08:30"), calendar).status().open()).isFalse();
	}

	@Test
	void theDailyCloseTakesTheLatestSessionClosedHalfAnHourBeforeItsFire() {
		// 2025-10-21 Muhurat, 13:45-14:45 in the seeded calendar: at 14:30 still Monday's
		// day; from 15:15 the Muhurat session itself
		assertThat(new DailyBackfillSpec().firing(ist("2025-10-21T16:00"), calendar).parameters())
			.containsEntry("businessDate", "2025-10-21");
		assertThat(new DailyBackfillSpec().firing(ist("2025-10-21T14:30"), calendar).parameters())
			.containsEntry("businessDate", "2025-10-20");
		// a regular day: 15:30 close, due from 16:00
		assertThat(new DailyBackfillSpec().firing(ist("2026-10-29T15:45"), calendar).parameters())
			.containsEntry("businessDate", "2026-10-28");
		assertThat(new DailyBackfillSpec().firing(ist("2026-10-29T16:00"), calendar).parameters())
			.containsEntry("businessDate", "2026-10-29");
	}

	@Test
	void aMuhuratMinuteIsFiredAndTheClosedMorningOfThatDayIsNot() {
		assertThat(new LtpSnapshotSpec().firing(ist("2025-10-21T14:00"), calendar).status().open()).isTrue();
		assertThat(new LtpSnapshotSpec().firing(ist("2025-10-21T10:00"), calendar).status().reason())
			.startsWith("outside market hours");
	}

	@Test
	void gapFillRunsOnItsFiveMinuteSlotUntilJustAfterTheClose() {
		GapFillSpec spec = new GapFillSpec();
		assertThat(spec.firing(ist("2026-10-29T10:20:30"), calendar).parameters())
			.isEqualTo(Map.of("runAt", "2026-10-29T10:20"));
		assertThat(spec.firing(ist("2026-10-29T10:24:59"), calendar).parameters())
			.isEqualTo(Map.of("runAt", "2026-10-29T10:20"));
		assertThat(spec.firing(ist("2026-10-29T15:35:30"), calendar).status().open()).isTrue();
		assertThat(spec.firing(ist("2026-10-29T15:40:30"), calendar).status().open()).isFalse();
		assertThat(spec.firing(ist("2026-10-29T09:15:30"), calendar).status().reason())
			.startsWith("outside market hours");
	}

	@Test
	void theSundayBackfillCoversTwoMonthsToTheLastTradingDay() {
		assertThat(new HistoryBackfillSpec().firing(ist("2026-11-22T10:00"), calendar).parameters())
			.isEqualTo(Map.of("from", "2026-09-21", "to", "2026-11-20"));
	}

	@Test
	void defaultsComeFromTheClockAndTheCalendar() {
		// Thursday 2026-10-29 at 11:07: the snapshot minute, the 11:05 slot, yesterday
		// closed
		String now = "2026-10-29T11:07:42";
		assertThat(resolve(new LtpSnapshotSpec(), now, Map.of()).getLocalDateTime("minute"))
			.isEqualTo(LocalDateTime.of(2026, 10, 29, 11, 7));
		assertThat(resolve(new GapFillSpec(), now, Map.of()).getLocalDateTime("runAt"))
			.isEqualTo(LocalDateTime.of(2026, 10, 29, 11, 5));
		assertThat(resolve(new DailyBackfillSpec(), now, Map.of()).getLocalDate("businessDate"))
			.isEqualTo(LocalDate.of(2026, 10, 28));
		assertThat(resolve(new InstrumentSyncSpec(), now, Map.of()).getLocalDate("businessDate"))
			.isEqualTo(LocalDate.of(2026, 10, 29));
		JobParameters history = resolve(new HistoryBackfillSpec(), now, Map.of());
		assertThat(history.getLocalDate("to")).isEqualTo(LocalDate.of(2026, 10, 28));
		assertThat(history.getLocalDate("from")).isEqualTo(LocalDate.of(2026, 8, 29));
		// the Monday after Gandhi Jayanti's Friday: the last completed day is Thursday
		// 10-01
		assertThat(resolve(new EodAggregationSpec(), "2026-10-05T09:00", Map.of()).getLocalDate("businessDate"))
			.isEqualTo(LocalDate.of(2026, 10, 1));
	}

	@Test
	void badValuesNameTheParameterAndTheExpectedForm() {
		String now = "2026-10-29T11:07";
		assertThatThrownBy(() -> resolve(new GapFillSpec(), now, Map.of("runAt", "2026-10-29T10:17")))
			.isInstanceOf(BadJobRequestException.class)
			.hasMessageContaining("'runAt'")
			.hasMessageContaining("5-minute slot");
		assertThatThrownBy(() -> resolve(new LtpSnapshotSpec(), now, Map.of("minute", "2026-10-29T11:08")))
			.hasMessageContaining("in the future");
		assertThatThrownBy(() -> resolve(new DailyBackfillSpec(), now, Map.of("businessDate", "29.10.2026")))
			.hasMessageContaining("expected a date as yyyy-MM-dd");
		assertThatThrownBy(
				() -> resolve(new HistoryBackfillSpec(), now, Map.of("from", "2026-10-20", "to", "2026-10-10")))
			.hasMessageContaining("must not be after");
		assertThatThrownBy(() -> resolve(new HistoryBackfillSpec(), now, Map.of("from", "2010-01-01")))
			.hasMessageContaining("span more than 3660 days");
	}

	@Test
	void aSnapshotIsTakenDuringItsMinuteOrUpToSixtySecondsAfterIt() {
		LtpSnapshotSpec spec = new LtpSnapshotSpec();
		Map<String, String> minute = Map.of("minute", "2026-10-29T10:05");
		assertThat(resolve(spec, "2026-10-29T10:05:00", minute).getLocalDateTime("minute"))
			.isEqualTo(LocalDateTime.parse("2026-10-29T10:05"));
		assertThat(resolve(spec, "2026-10-29T10:07:00", minute).getLocalDateTime("minute"))
			.isEqualTo(LocalDateTime.parse("2026-10-29T10:05"));
		assertThatThrownBy(() -> resolve(spec, "2026-10-29T10:07:00.001", minute))
			.isInstanceOf(BadJobRequestException.class)
			.hasMessage("minute 2026-10-29T10:05 ended 1 min 0 s ago; a price snapshot can only be taken live, "
					+ "during its minute or up to 60 s after it");
		assertThatThrownBy(() -> resolve(spec, "2026-10-29T10:15:20", minute))
			.hasMessageStartingWith("minute 2026-10-29T10:05 ended 9 min 20 s ago");
		assertThatThrownBy(() -> resolve(spec, "2026-10-30T11:06:00", minute))
			.hasMessageStartingWith("minute 2026-10-29T10:05 ended 1 d 1 h ago");
	}

	@Test
	void onlyAPriceSnapshotStopsBeingResumableAfterItsWindow() {
		JobParameters snapshot = new JobParametersBuilder()
			.addLocalDateTime("minute", LocalDateTime.parse("2026-10-29T10:05"))
			.toJobParameters();
		assertThat(new LtpSnapshotSpec().whyNotResumable(snapshot, ist("2026-10-29T10:06:59"))).isEmpty();
		assertThat(new LtpSnapshotSpec().whyNotResumable(snapshot, ist("2026-10-29T12:06:00")))
			.hasValue("minute 2026-10-29T10:05 ended 2 h 0 min ago; a price snapshot can only be taken live, "
					+ "during its minute or up to 60 s after it; gapFill recovers the minute's candles");
		JobParameters day = new JobParametersBuilder().addLocalDate("businessDate", LocalDate.of(2026, 10, 2))
			.toJobParameters();
		assertThat(new DailyBackfillSpec().whyNotResumable(day, ist("2027-01-01T10:00"))).isEmpty();
	}

	@Test
	void theDailyCloseFiresForTheLatestSessionClosedByItsFireTime() {
		DailyBackfillSpec daily = new DailyBackfillSpec();
		assertThat(daily.firing(ist("2026-10-29T16:00"), calendar).parameters())
			.isEqualTo(Map.of("businessDate", "2026-10-29"));
		// a cron overridden to fire during the session works on the day before
		assertThat(daily.firing(ist("2026-10-29T11:00"), calendar).parameters())
			.isEqualTo(Map.of("businessDate", "2026-10-28"));
		assertThat(daily.firing(ist("2026-10-02T16:00"), calendar).status().open()).isFalse();
	}

	@Test
	void aDayJobForASessionNotClosedYetIsRefusedWithItsCloseTime() {
		for (JobSpec spec : List.of(new DailyBackfillSpec(), new EodAggregationSpec())) {
			assertThatThrownBy(() -> resolve(spec, "2026-10-29T11:00", Map.of("businessDate", "2026-10-29")))
				.isInstanceOf(BadJobRequestException.class)
				.hasMessageContaining("the 2026-10-29 session closes at 15:30 IST");
			assertThat(resolve(spec, "2026-10-29T15:30", Map.of("businessDate", "2026-10-29"))
				.getLocalDate("businessDate")).isEqualTo(LocalDate.of(2026, 10, 29));
		}
		// a holiday has no session to wait for: it stays a market-closed no-op
		assertThat(resolve(new DailyBackfillSpec(), "2026-10-02T11:00", Map.of("businessDate", "2026-10-02"))
			.getLocalDate("businessDate")).isEqualTo(LocalDate.of(2026, 10, 2));
	}

	@Test
	void marketStatusNamesWhyAJobHasNothingToDo() {
		JobParameters holiday = new JobParametersBuilder().addLocalDate("businessDate", LocalDate.of(2026, 10, 2))
			.toJobParameters();
		assertThat(new DailyBackfillSpec().marketStatus(holiday, calendar))
			.isEqualTo(MarketStatus.closed("Gandhi Jayanti (2026-10-02)"));
		assertThat(new InstrumentSyncSpec().marketStatus(holiday, calendar)).isEqualTo(MarketStatus.OPEN);
		JobParameters weekend = new JobParametersBuilder().addLocalDate("from", LocalDate.of(2026, 10, 3))
			.addLocalDate("to", LocalDate.of(2026, 10, 4))
			.toJobParameters();
		assertThat(new HistoryBackfillSpec().marketStatus(weekend, calendar).reason())
			.startsWith("no trading day between 2026-10-03 and 2026-10-04");
		assertThat(new HistoryBackfillSpec().firing(ist("2026-11-22T10:00"), calendar).status())
			.isEqualTo(MarketStatus.OPEN);
		assertThat(Optional.of(new EodAggregationSpec()).flatMap(JobSpec::schedule)).isEmpty();
	}

}
