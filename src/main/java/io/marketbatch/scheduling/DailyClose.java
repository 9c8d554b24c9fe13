package io.marketbatch.scheduling;

import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.JobRequests;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;

/**
 * The daily close, one unit wherever it is needed (the 16:00 trigger, a relaunch that
 * finished a day, catch-up): dailyBackfill of a day, then eodAggregation of the same day
 * once the backfill has COMPLETED, so bars are never built from a partial day.
 */
final class DailyClose {

	private DailyClose() {
	}

	static Map<String, String> parameters(LocalDate day) {
		return Map.of(JobRequests.BUSINESS_DATE, day.toString());
	}

	/**
	 * dailyBackfill of {@code day}, then its eodAggregation; the backfill's execution.
	 */
	static Optional<JobExecution> run(LocalDate day, ScheduledRuns runs) {
		Optional<JobExecution> daily = runs.launch(JobNames.DAILY_BACKFILL, parameters(day));
		daily.ifPresent(execution -> follow(execution, runs));
		return daily;
	}

	/**
	 * The eodAggregation that follows an execution when it is a COMPLETED dailyBackfill.
	 */
	static void follow(JobExecution execution, ScheduledRuns runs) {
		if (execution.getStatus() == BatchStatus.COMPLETED
				&& execution.getJobInstance().getJobName().equals(JobNames.DAILY_BACKFILL)) {
			Map<String, String> parameters = new java.util.HashMap<>(
					parameters(execution.getJobParameters().getLocalDate(JobRequests.BUSINESS_DATE)));
			// the same exchange and instruments as the backfill
			for (String name : java.util.List.of(JobRequests.EXCHANGE, JobRequests.UNIVERSE, JobRequests.SYMBOLS)) {
				String value = execution.getJobParameters().getString(name);
				if (value != null) {
					parameters.put(name, value);
				}
			}
			runs.launch(JobNames.EOD_AGGREGATION, parameters);
		}
	}

}
