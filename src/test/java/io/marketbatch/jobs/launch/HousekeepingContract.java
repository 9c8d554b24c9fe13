package io.marketbatch.jobs.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.support.TestData;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The housekeeping job on real job-repository rows: executions of the minute-level jobs
 * older than the retention go with their contexts, steps and parameters, then their
 * instances; a younger execution keeps its whole instance, FAILED included; other jobs
 * and running executions stay; a second run removes nothing more. The clock stands at
 * 2026-11-20, so the 30-day cutoff is 2026-10-21 00:00 IST. Runs on H2 and on an embedded
 * PostgreSQL.
 */
@SpringBootTest(properties = { "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"spring.main.web-application-type=none", "marketbatch.universe=NIFTY50", "spring.main.banner-mode=off",
		"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
abstract class HousekeepingContract {

	private static final long FIRST_ID = 1_000_000;

	private static final LocalDateTime OLD = LocalDateTime.parse("2026-10-01T10:15:00");

	private static final LocalDateTime YOUNG = LocalDateTime.parse("2026-11-10T10:15:00");

	private static final int OLD_SNAPSHOTS = 1200;

	@Autowired
	JobLaunches launches;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	private long nextId = FIRST_ID;

	private final List<Object[]> instances = new ArrayList<>();

	private final List<Object[]> executions = new ArrayList<>();

	private final List<Object[]> params = new ArrayList<>();

	private final List<Object[]> contexts = new ArrayList<>();

	private final List<Object[]> steps = new ArrayList<>();

	@BeforeEach
	void cleanSlate() {
		TestData.clean(jdbc, repository, broker);
	}

	record Run(String status, LocalDateTime created) {
	}

	/** An instance of {@code job} with these executions, as Spring Batch writes them. */
	private long instance(String job, Run... runs) {
		long instance = nextId++;
		instances.add(new Object[] { instance, 0, job, "key" + instance });
		for (Run run : runs) {
			long execution = nextId++;
			Timestamp created = Timestamp.valueOf(run.created());
			Timestamp ended = BatchStatus.valueOf(run.status()).isRunning() ? null
					: Timestamp.valueOf(run.created().plusSeconds(2));
			executions.add(new Object[] { execution, 2, instance, created, created, ended, run.status(), run.status(),
					"", created });
			params.add(new Object[] { execution, "minute", "java.lang.String", "m" + instance, "Y" });
			contexts.add(new Object[] { execution, "{}" });
			steps.add(new Object[] { execution, 3, "step", execution, created, created, ended, run.status(), 1, 5, 0, 5,
					0, 0, 0, 0, run.status(), "", created });
		}
		return instance;
	}

	private void store() {
		jdbc.batchUpdate(
				"INSERT INTO BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) " + "VALUES (?, ?, ?, ?)",
				instances);
		jdbc.batchUpdate("INSERT INTO BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, "
				+ "START_TIME, END_TIME, STATUS, EXIT_CODE, EXIT_MESSAGE, LAST_UPDATED) "
				+ "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", executions);
		jdbc.batchUpdate("INSERT INTO BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, "
				+ "PARAMETER_VALUE, IDENTIFYING) VALUES (?, ?, ?, ?, ?)", params);
		jdbc.batchUpdate("INSERT INTO BATCH_JOB_EXECUTION_CONTEXT (JOB_EXECUTION_ID, SHORT_CONTEXT) VALUES (?, ?)",
				contexts);
		jdbc.batchUpdate("INSERT INTO BATCH_STEP_EXECUTION (STEP_EXECUTION_ID, VERSION, STEP_NAME, JOB_EXECUTION_ID, "
				+ "CREATE_TIME, START_TIME, END_TIME, STATUS, COMMIT_COUNT, READ_COUNT, FILTER_COUNT, WRITE_COUNT, "
				+ "READ_SKIP_COUNT, WRITE_SKIP_COUNT, PROCESS_SKIP_COUNT, ROLLBACK_COUNT, EXIT_CODE, EXIT_MESSAGE, "
				+ "LAST_UPDATED) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", steps);
		jdbc.batchUpdate("INSERT INTO BATCH_STEP_EXECUTION_CONTEXT (STEP_EXECUTION_ID, SHORT_CONTEXT) VALUES (?, ?)",
				contexts);
	}

	private long count(String table, String idColumn) {
		return jdbc.queryForObject("SELECT COUNT(*) FROM " + table + " WHERE " + idColumn + " >= ?", Long.class,
				FIRST_ID);
	}

	private List<Long> remainingInstances() {
		return jdbc.queryForList("SELECT JOB_INSTANCE_ID FROM BATCH_JOB_INSTANCE WHERE JOB_INSTANCE_ID >= ? "
				+ "ORDER BY JOB_INSTANCE_ID", Long.class, FIRST_ID);
	}

	private JobExecution housekeeping(boolean rerun) throws Exception {
		return launches
			.launch(JobNames.HOUSEKEEPING,
					launches.prepare(JobNames.HOUSEKEEPING, Map.of("businessDate", "2026-11-20"), rerun))
			.execution();
	}

	@Test
	void oldMinuteLevelExecutionsGoInBatchesAndEverythingElseStays() throws Exception {
		for (int i = 0; i < OLD_SNAPSHOTS; i++) {
			instance(JobNames.LTP_SNAPSHOT, new Run("COMPLETED", OLD.plusMinutes(i % 375)));
		}
		instance(JobNames.GAP_FILL, new Run("FAILED", OLD));
		instance(JobNames.GAP_FILL, new Run("FAILED", OLD), new Run("COMPLETED", OLD.plusMinutes(1)));
		long youngFailed = instance(JobNames.LTP_SNAPSHOT, new Run("FAILED", YOUNG));
		long oldThenYoung = instance(JobNames.GAP_FILL, new Run("FAILED", OLD), new Run("COMPLETED", YOUNG));
		long otherJob = instance(JobNames.DAILY_BACKFILL, new Run("COMPLETED", OLD));
		long running = instance(JobNames.LTP_SNAPSHOT, new Run("STARTED", OLD));
		store();
		long removed = OLD_SNAPSHOTS + 1 + 2;

		JobExecution first = housekeeping(false);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(remainingInstances()).containsExactly(youngFailed, oldThenYoung, otherJob, running);
		assertThat(count("BATCH_JOB_EXECUTION", "JOB_EXECUTION_ID")).isEqualTo(5);
		assertThat(count("BATCH_JOB_EXECUTION_PARAMS", "JOB_EXECUTION_ID")).isEqualTo(5);
		assertThat(count("BATCH_JOB_EXECUTION_CONTEXT", "JOB_EXECUTION_ID")).isEqualTo(5);
		assertThat(count("BATCH_STEP_EXECUTION", "STEP_EXECUTION_ID")).isEqualTo(5);
		assertThat(count("BATCH_STEP_EXECUTION_CONTEXT", "STEP_EXECUTION_ID")).isEqualTo(5);
		var step = first.getStepExecutions().iterator().next();
		assertThat(step.getWriteCount()).as("executions removed").isEqualTo(removed);
		assertThat(step.getCommitCount()).as("batches of 500 instances, each its own transaction")
			.isGreaterThanOrEqualTo(3);

		JobExecution again = housekeeping(true);
		assertThat(again.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(again.getStepExecutions().iterator().next().getWriteCount()).isZero();
		assertThat(remainingInstances()).containsExactly(youngFailed, oldThenYoung, otherJob, running);
		assertThat(count("BATCH_JOB_EXECUTION", "JOB_EXECUTION_ID")).isEqualTo(5);
	}

}
