package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.TradingCalendar;

import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * Removes from the job repository, one batch of instances per transaction (so memory
 * stays flat and each batch commits), the instances of the given jobs whose executions
 * all began before the cutoff and none runs: their step contexts, step executions, job
 * contexts, parameters, executions, then the instances. An instance with a younger
 * execution stays whole, whatever its status. Running it again removes nothing more.
 * Plain SQL over Spring Batch's schema: the repository's own delete methods take a dozen
 * statements per execution, too slow for a year's backlog.
 */
final class HousekeepingPurge implements Tasklet {

	private static final Logger log = LoggerFactory.getLogger(HousekeepingPurge.class);

	private static final String OLD_INSTANCES = """
			SELECT i.JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE i
			WHERE i.JOB_NAME IN (:jobs)
			AND EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID)
			AND NOT EXISTS (SELECT 1 FROM BATCH_JOB_EXECUTION e WHERE e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
			    AND (e.CREATE_TIME >= :cutoff OR e.STATUS IN ('STARTING', 'STARTED', 'STOPPING')))
			ORDER BY i.JOB_INSTANCE_ID
			FETCH FIRST %d ROWS ONLY""";

	private static final String EXECUTIONS = "SELECT JOB_EXECUTION_ID FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID IN (:ids)";

	private static final List<String> DELETES = List.of(
			"DELETE FROM BATCH_STEP_EXECUTION_CONTEXT WHERE STEP_EXECUTION_ID IN "
					+ "(SELECT STEP_EXECUTION_ID FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS
					+ "))",
			"DELETE FROM BATCH_STEP_EXECUTION WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS + ")",
			"DELETE FROM BATCH_JOB_EXECUTION_CONTEXT WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS + ")",
			"DELETE FROM BATCH_JOB_EXECUTION_PARAMS WHERE JOB_EXECUTION_ID IN (" + EXECUTIONS + ")");

	private final NamedParameterJdbcTemplate jdbc;

	private final List<String> jobs;

	private final Duration retention;

	private final int batch;

	HousekeepingPurge(NamedParameterJdbcTemplate jdbc, List<String> jobs, Duration retention, int batch) {
		this.jdbc = jdbc;
		this.jobs = List.copyOf(jobs);
		this.retention = retention;
		this.batch = batch;
	}

	/**
	 * The cutoff for a business date: its start in IST less the retention, in the JVM's
	 * local time as Spring Batch stamps {@code CREATE_TIME}.
	 */
	static LocalDateTime cutoff(LocalDate day, Duration retention) {
		return LocalDateTime.ofInstant(day.atStartOfDay(TradingCalendar.IST).toInstant().minus(retention),
				ZoneId.systemDefault());
	}

	@Override
	public @Nullable RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		LocalDate day = contribution.getStepExecution().getJobParameters().getLocalDate(JobRequests.BUSINESS_DATE);
		LocalDateTime cutoff = cutoff(day, retention);
		List<Long> ids = jdbc.queryForList(OLD_INSTANCES.formatted(batch), Map.of("jobs", jobs, "cutoff", cutoff),
				Long.class);
		if (ids.isEmpty()) {
			return RepeatStatus.FINISHED;
		}
		Map<String, Object> instances = Map.of("ids", ids);
		DELETES.forEach(sql -> jdbc.update(sql, instances));
		int executions = jdbc.update("DELETE FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID IN (:ids)", instances);
		jdbc.update("DELETE FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID IN (:ids)", instances);
		contribution.incrementWriteCount(executions);
		log.info("housekeeping: removed {} instances ({} executions) of {} created before {}", ids.size(), executions,
				jobs, cutoff);
		return RepeatStatus.CONTINUABLE;
	}

}
