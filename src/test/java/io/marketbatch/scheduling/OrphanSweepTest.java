package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.jobs.launch.NodeRegistryAccess;
import io.marketbatch.support.TestDatabases;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The clustered sweep recovers, within its period and without any node starting, an
 * execution whose node's heartbeat has stopped by the database's clock, even though the
 * pid it recorded is a live process's (a reused pid); it resumes it, and leaves alone one
 * whose node beats (even with a pid that is gone). On an embedded PostgreSQL, the sweep
 * every 2 s.
 */
@SpringBootTest(properties = { "marketbatch.service=true", "spring.main.web-application-type=none",
		"marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false", "marketbatch.schedule.enabled=false",
		"marketbatch.catch-up.enabled=false", "marketbatch.universe=NIFTY50", "spring.main.banner-mode=off",
		"marketbatch.recovery.sweep-cron=0/2 * * * * ?" })
class OrphanSweepTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newPostgresDatabase("sweep");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	@Autowired
	JobLaunches jobs;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	/**
	 * A node row whose heartbeat is {@code silentSeconds} old by the database's clock.
	 */
	private String node(long pid, int silentSeconds) {
		String id = NodeRegistryAccess.host() + ":" + pid + ":" + UUID.randomUUID();
		jdbc.update("INSERT INTO batch_node (node_id, host, pid, kind, started_at, last_seen) VALUES (?, ?, ?, "
				+ "'service', CURRENT_TIMESTAMP - INTERVAL '1' HOUR, CURRENT_TIMESTAMP - ? * INTERVAL '1' SECOND)", id,
				NodeRegistryAccess.host(), pid, silentSeconds);
		return id;
	}

	private JobExecution started(String day, String ownerNode, long pid) {
		JobParameters params = jobs.prepare(JobNames.DAILY_BACKFILL,
				Map.of(JobRequests.BUSINESS_DATE, day, JobRequests.SYMBOLS, "TCS,INFY"), false);
		JobInstance instance = repository.createJobInstance(JobNames.DAILY_BACKFILL, params);
		ExecutionContext context = new ExecutionContext();
		context.putString("owner.node", ownerNode);
		context.putString("owner.host", NodeRegistryAccess.host());
		context.putLong("owner.pid", pid);
		JobExecution execution = repository.createJobExecution(instance, params, context);
		execution.setStatus(BatchStatus.STARTED);
		execution.setStartTime(LocalDateTime.now());
		repository.update(execution);
		return execution;
	}

	@Test
	void theSweepRecoversAndResumesADeadNodesRunAndLeavesALiveNodesAlone() throws Exception {
		long livePid = ProcessHandle.current().pid();
		Process gone = new ProcessBuilder("true").start();
		gone.waitFor();
		JobExecution orphan = started("2026-11-19", node(livePid, 300), livePid);
		String beating = node(gone.pid(), 0);
		JobExecution live = started("2026-11-18", beating, gone.pid());
		await().atMost(Duration.ofSeconds(20))
			.until(() -> repository.getLastJobExecution(orphan.getJobInstance()).getStatus() == BatchStatus.COMPLETED);
		assertThat(repository.getJobExecution(orphan.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE JOB_INSTANCE_ID = ?", Long.class,
				orphan.getJobInstance().getId()))
			.as("the orphan and one resume")
			.isEqualTo(2);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'", Long.class))
			.isEqualTo(2L * 375);
		// the live node keeps beating; its run stays its own over several sweeps
		jdbc.update("UPDATE batch_node SET last_seen = CURRENT_TIMESTAMP WHERE node_id = ?", beating);
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(6))
			.until(() -> repository.getJobExecution(live.getId()).getStatus() == BatchStatus.STARTED);
		// once it falls silent past a minute, the next sweep takes it over
		jdbc.update("UPDATE batch_node SET last_seen = CURRENT_TIMESTAMP - INTERVAL '61' SECOND WHERE node_id = ?",
				beating);
		await().atMost(Duration.ofSeconds(20))
			.until(() -> repository.getLastJobExecution(live.getJobInstance()).getStatus() == BatchStatus.COMPLETED);
		// the day's eodAggregation follows each resumed daily close
		await().atMost(Duration.ofSeconds(20))
			.until(() -> jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE END_TIME IS NULL",
					Long.class) == 0);
	}

}
