package io.marketbatch.scheduling;

import io.marketbatch.jobs.JobNames;

import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The service's triggers ({@code marketbatch.schedule.*}): one switch, and a cron
 * override per job at {@code marketbatch.schedule.<job>.cron} (e.g.
 * {@code marketbatch.schedule.ltpSnapshot.cron}); a job without one keeps its default
 * cron.
 *
 * @param enabled switch every trigger off (the service then only serves the admin
 * endpoint)
 * @param instrumentSync the instrumentSync trigger
 * @param ltpSnapshot the ltpSnapshot trigger
 * @param gapFill the gapFill trigger
 * @param dailyBackfill the dailyBackfill trigger (eodAggregation follows it)
 * @param historyBackfill the historyBackfill trigger
 * @param liveCapture the liveCapture trigger (also decides the launch at start)
 */
@ConfigurationProperties("marketbatch.schedule")
public record ScheduleProperties(@DefaultValue("true") boolean enabled, @DefaultValue JobSchedule instrumentSync,
		@DefaultValue JobSchedule ltpSnapshot, @DefaultValue JobSchedule gapFill,
		@DefaultValue JobSchedule dailyBackfill, @DefaultValue JobSchedule historyBackfill,
		@DefaultValue JobSchedule liveCapture) {

	/** The cron configured for this job, if any (a job without a trigger has none). */
	public Optional<String> cron(String job) {
		JobSchedule schedule = switch (job) {
			case JobNames.INSTRUMENT_SYNC -> instrumentSync;
			case JobNames.LTP_SNAPSHOT -> ltpSnapshot;
			case JobNames.GAP_FILL -> gapFill;
			case JobNames.DAILY_BACKFILL -> dailyBackfill;
			case JobNames.HISTORY_BACKFILL -> historyBackfill;
			case JobNames.LIVE_CAPTURE -> liveCapture;
			default -> new JobSchedule(null);
		};
		return Optional.ofNullable(schedule.cron()).filter(cron -> !cron.isBlank());
	}

	/**
	 * One job's trigger.
	 *
	 * @param cron Quartz cron (Asia/Kolkata) replacing the job's default; unset: the
	 * default
	 */
	public record JobSchedule(@Nullable String cron) {
	}

}
