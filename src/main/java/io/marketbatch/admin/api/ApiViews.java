package io.marketbatch.admin.api;

import io.marketbatch.admin.ExchangeTime;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.step.StepExecution;

/**
 * What the API answers with: plain records, serialized as JSON (an absent value is JSON
 * null). Every instant is ISO-8601 at the exchange's offset, e.g.
 * {@code 2026-10-29T10:15:00+05:30}.
 */
final class ApiViews {

	private ApiViews() {
	}

	record Launched(long id, String status, String job, String outcome) {
	}

	record Step(String name, String status, long read, long written, long filtered, long skipped, long commits,
			long rollbacks, String exitCode, @Nullable OffsetDateTime started, @Nullable OffsetDateTime ended) {
	}

	record Execution(long id, long instanceId, String job, String status, String exitCode,
			@Nullable String exitDescription, Map<String, String> parameters, @Nullable OffsetDateTime created,
			@Nullable OffsetDateTime started, @Nullable OffsetDateTime ended, List<Step> steps) {
	}

	record Schedule(String job, @Nullable String cron, @Nullable String timeZone, @Nullable OffsetDateTime nextFireTime,
			boolean paused) {
	}

	/**
	 * A job with its trigger (JSON null when it has none) and its newest execution (null:
	 * never ran).
	 */
	record JobSummary(String name, List<String> parameters, @Nullable Schedule schedule,
			@Nullable Execution lastExecution) {
	}

	record Problem(String error) {
	}

	static Execution execution(JobExecution e) {
		Map<String, String> params = new TreeMap<>();
		for (JobParameter<?> p : e.getJobParameters().parameters()) {
			params.put(p.name(), String.valueOf(p.value()));
		}
		List<Step> steps = e.getStepExecutions().stream().map(ApiViews::step).toList();
		return new Execution(e.getId(), e.getJobInstance().getInstanceId(), e.getJobInstance().getJobName(),
				e.getStatus().name(), e.getExitStatus().getExitCode(), e.getExitStatus().getExitDescription(), params,
				ExchangeTime.ofBatch(e.getCreateTime()), ExchangeTime.ofBatch(e.getStartTime()),
				ExchangeTime.ofBatch(e.getEndTime()), steps);
	}

	private static Step step(StepExecution s) {
		return new Step(s.getStepName(), s.getStatus().name(), s.getReadCount(), s.getWriteCount(), s.getFilterCount(),
				s.getSkipCount(), s.getCommitCount(), s.getRollbackCount(), s.getExitStatus().getExitCode(),
				ExchangeTime.ofBatch(s.getStartTime()), ExchangeTime.ofBatch(s.getEndTime()));
	}

}
