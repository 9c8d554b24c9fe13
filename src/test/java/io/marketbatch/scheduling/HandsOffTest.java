package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.jobs.launch.NodeRegistry;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;
import io.marketbatch.support.TestDatabases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Metrics;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service's promise that nobody presses retry: one firing one run, relaunch after an
 * outage (not after a rejected token), crash recovery, catch-up of missed days, stop at a
 * chunk boundary. Runs the service's scheduling beans with Quartz on H2, triggers off,
 * clock at Friday 2026-11-20 17:30 IST.
 */
@SpringBootTest(properties = { "marketbatch.service=true", "spring.main.web-application-type=none",
		"marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false", "marketbatch.retry.backoff=PT0.01S",
		"marketbatch.schedule.enabled=false", "marketbatch.catch-up.enabled=false",
		"marketbatch.relaunch.delays=PT1S,PT1S,PT1S", "marketbatch.universe=NIFTY50", "spring.main.banner-mode=off",
		"marketbatch.recovery.sweep-cron=" })
@Import(SettableClock.Config.class)
class HandsOffTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("handsoff");
		registry.add("spring.datasource.url", () -> url);
	}

	@Autowired
	ScheduledRuns runs;

	@Autowired
	ServiceLifecycle lifecycle;

	@Autowired
	JobLaunches jobs;

	@Autowired
	ExecutionControl control;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	@Autowired
	SettableClock clock;

	@Autowired
	RelaunchPolicy relaunches;

	@Autowired
	NodeRegistry node;

	SimFaults faults() {
		return TestData.simFaults(broker);
	}

	@BeforeEach
	void cleanSlate() {
		clock.reset();
		TestData.clean(jdbc, repository, broker);
	}

	double missedSnapshots() {
		Counter counter = Metrics.globalRegistry.find(ExecutionControl.MISSED)
			.tag("job", JobNames.LTP_SNAPSHOT)
			.counter();
		return (counter == null) ? 0 : counter.count();
	}

	static Instant ist(String local) {
		return LocalDateTime.parse(local).atZone(TradingCalendar.IST).toInstant();
	}

	long count(String sql, Object... args) {
		return jdbc.queryForObject(sql, Long.class, args);
	}

	long executions(String job) {
		return count("SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
				+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?", job);
	}

	List<String> statuses(String job) {
		return jdbc.queryForList(
				"SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
						+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? ORDER BY e.JOB_EXECUTION_ID",
				String.class, job);
	}

	@Test
	void aDuplicateFireMeetsTheSameInstanceAndRunsOnce() {
		clock.setInside("2026-10-29T10:15", 1);
		runs.fire(JobNames.LTP_SNAPSHOT, ist("2026-10-29T10:15:00"));
		runs.fire(JobNames.LTP_SNAPSHOT, ist("2026-10-29T10:15:00.500"));
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'ltpSnapshot'")).isEqualTo(1);
		assertThat(statuses(JobNames.LTP_SNAPSHOT)).containsExactly("COMPLETED");
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot")).isEqualTo(50);
	}

	@Test
	void aClosedMarketFiringCreatesNoInstance() {
		runs.fire(JobNames.LTP_SNAPSHOT, ist("2026-10-02T10:15:00"));
		runs.fire(JobNames.GAP_FILL, ist("2026-11-21T11:00:00"));
		runs.fire(JobNames.DAILY_BACKFILL, ist("2026-10-20T16:00:00"));
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE")).isZero();
	}

	@Test
	void aFailedRunIsRelaunchedAsARestartOfTheSameInstanceThenAggregated() {
		faults().reset(null, 0, 0L, Duration.ofMillis(1500));
		runs.fire(JobNames.DAILY_BACKFILL, ist("2026-11-19T16:00:00"));
		assertThat(statuses(JobNames.DAILY_BACKFILL)).containsExactly("FAILED");
		await().atMost(Duration.ofSeconds(20)).until(() -> statuses(JobNames.DAILY_BACKFILL).contains("COMPLETED"));
		List<String> history = statuses(JobNames.DAILY_BACKFILL);
		assertThat(history.get(0)).isEqualTo("FAILED");
		assertThat(history.get(history.size() - 1)).isEqualTo("COMPLETED");
		assertThat(count("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'dailyBackfill'")).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).isEqualTo(50L * 375);
		await().atMost(Duration.ofSeconds(10)).until(() -> statuses(JobNames.EOD_AGGREGATION).contains("COMPLETED"));
	}

	@Test
	void aRejectedTokenIsNotRelaunchedAndTheRunSaysWhy() throws Exception {
		faults().rejectToken(true);
		long before = faults().requestCount();
		runs.fire(JobNames.DAILY_BACKFILL, ist("2026-11-18T16:00:00"));
		assertThat(faults().requestCount() - before).as("a rejected token costs one request").isEqualTo(1);
		String exit = jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION", String.class);
		assertThat(exit).contains("rejected the access token").contains("not relaunched");
		assertThat(count("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME LIKE 'relaunch-%'")).isZero();
		// longer than a relaunch delay: still the one FAILED execution
		await().during(Duration.ofMillis(1500))
			.atMost(Duration.ofSeconds(3))
			.until(() -> statuses(JobNames.DAILY_BACKFILL).equals(List.of("FAILED")));
	}

	@Test
	void anExecutionLeftStartedByADeadProcessIsRecoveredAndResumed() throws Exception {
		JobExecution orphan = startedExecution("2026-11-17", staleNode());
		JobExecution live = startedExecution("2026-11-16", node.nodeId());
		lifecycle.recoverOrphans();
		JobExecution latest = repository.getLastJobExecution(orphan.getJobInstance());
		assertThat(latest.getId()).isNotEqualTo(orphan.getId());
		assertThat(latest.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(repository.getJobExecution(orphan.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(repository.getJobExecution(live.getId()).getStatus()).as("a live owner's run is never touched")
			.isEqualTo(BatchStatus.STARTED);
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).isEqualTo(50L * 375);
	}

	@Test
	void aFailedSnapshotIsNotRelaunchedAfterItsMinuteAndStaysMissed() {
		clock.setInside("2026-10-29T10:15", 5);
		faults().reset(null, 0, 0L, null);
		double missedBefore = missedSnapshots();
		runs.fire(JobNames.LTP_SNAPSHOT, ist("2026-10-29T10:15:00"));
		assertThat(statuses(JobNames.LTP_SNAPSHOT)).containsExactly("FAILED");
		// the relaunch planned in the minute comes after it: the snapshot is given up
		clock.setInside("2026-10-29T10:25", 0);
		await().atMost(Duration.ofSeconds(10)).until(() -> missedSnapshots() > missedBefore);
		assertThat(statuses(JobNames.LTP_SNAPSHOT)).containsExactly("FAILED");
		String exit = jdbc.queryForObject("SELECT EXIT_MESSAGE FROM BATCH_JOB_EXECUTION", String.class);
		assertThat(exit).startsWith("missed: minute 2026-10-29T10:15 ended 9 min")
			.contains("gapFill recovers the minute's candles");
		assertThat(missedSnapshots()).isEqualTo(missedBefore + 1);
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot")).isZero();
	}

	@Test
	void aFailedSnapshotPastItsMinuteGetsNoRelaunchPlanned() {
		clock.setInside("2026-10-29T10:15", 5);
		faults().reset(null, 0, 0L, null);
		JobExecution failed = runs.launch(JobNames.LTP_SNAPSHOT, Map.of("minute", "2026-10-29T10:15")).orElseThrow();
		jdbc.update("DELETE FROM QRTZ_SIMPLE_TRIGGERS");
		jdbc.update("DELETE FROM QRTZ_TRIGGERS");
		clock.setInside("2026-10-29T10:17", 30);
		relaunches.afterRun(failed, 0);
		assertThat(count("SELECT COUNT(*) FROM QRTZ_TRIGGERS WHERE TRIGGER_NAME LIKE 'relaunch-%'")).isZero();
		assertThat(repository.getJobExecution(failed.getId()).getExitStatus().getExitDescription())
			.contains("missed: minute 2026-10-29T10:15 ended 1 min 3");
	}

	@Test
	void anOrphanSnapshotOfAPastMinuteIsRecoveredButNotResumed() throws Exception {
		clock.setInside("2026-10-29T10:15", 5);
		JobExecution orphan = startedExecution(JobNames.LTP_SNAPSHOT, Map.of("minute", "2026-10-29T10:15"),
				staleNode());
		clock.setInside("2026-10-29T11:00", 0);
		lifecycle.recoverOrphans();
		assertThat(repository.getLastJobExecution(orphan.getJobInstance()).getId()).isEqualTo(orphan.getId());
		JobExecution recovered = repository.getJobExecution(orphan.getId());
		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(recovered.getExitStatus().getExitDescription())
			.contains("missed: minute 2026-10-29T10:15 ended 44 min");
		assertThat(count("SELECT COUNT(*) FROM ltp_snapshot")).isZero();
	}

	/**
	 * What kill -9 leaves behind: a STARTED execution whose owner node is recorded (and a
	 * pid, which decides nothing: here it is this live process's).
	 */
	private JobExecution startedExecution(String day, String ownerNode) {
		return startedExecution(JobNames.DAILY_BACKFILL, Map.of(JobRequests.BUSINESS_DATE, day), ownerNode);
	}

	private JobExecution startedExecution(String job, Map<String, String> raw, String ownerNode) {
		JobParameters params = jobs.prepare(job, raw, false);
		JobInstance instance = repository.createJobInstance(job, params);
		ExecutionContext context = new ExecutionContext();
		context.putString("owner.node", ownerNode);
		context.putString("owner.host", io.marketbatch.jobs.launch.NodeRegistryAccess.host());
		context.putLong("owner.pid", ProcessHandle.current().pid());
		JobExecution execution = repository.createJobExecution(instance, params, context);
		execution.setStatus(BatchStatus.STARTED);
		execution.setStartTime(LocalDateTime.now());
		repository.update(execution);
		return execution;
	}

	/** A node whose heartbeat stopped five minutes ago by the database's clock. */
	private String staleNode() {
		String id = "dead-" + java.util.UUID.randomUUID();
		jdbc.update("INSERT INTO batch_node (node_id, host, pid, kind, started_at, last_seen) VALUES (?, ?, ?, "
				+ "'service', CURRENT_TIMESTAMP - INTERVAL '10' MINUTE, CURRENT_TIMESTAMP - INTERVAL '5' MINUTE)", id,
				io.marketbatch.jobs.launch.NodeRegistryAccess.host(), ProcessHandle.current().pid());
		return id;
	}

	@Test
	void catchUpRunsTheMissingDaysOldestFirstAndSkipsCompleteOnes() throws Exception {
		jobs.launch(JobNames.DAILY_BACKFILL,
				jobs.prepare(JobNames.DAILY_BACKFILL, Map.of(JobRequests.BUSINESS_DATE, "2026-11-18"), false));
		jobs.launch(JobNames.EOD_AGGREGATION,
				jobs.prepare(JobNames.EOD_AGGREGATION, Map.of(JobRequests.BUSINESS_DATE, "2026-11-18"), false));
		long requests = faults().requestCount();
		lifecycle.missedDays(3);
		List<String> days = jdbc.queryForList(
				"""
						SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION e
						JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
						JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID AND p.PARAMETER_NAME = 'businessDate'
						WHERE i.JOB_NAME = 'dailyBackfill' ORDER BY e.JOB_EXECUTION_ID""",
				String.class);
		assertThat(days).containsExactly("2026-11-18", "2026-11-19", "2026-11-20");
		assertThat(faults().requestCount() - requests).as("the complete day cost no request").isEqualTo(2 * 50);
		assertThat(statuses(JobNames.EOD_AGGREGATION)).containsExactly("COMPLETED", "COMPLETED", "COMPLETED");
	}

	/** Twelve NIFTY 50 members: every minute trades. */
	private static final String TWELVE = "RELIANCE,TCS,INFY,HDFCBANK,ICICIBANK,SBIN,ITC,LT,AXISBANK,KOTAKBANK,"
			+ "BHARTIARTL,MARUTI";

	@Test
	void stoppingAtShutdownLeavesStoppedAndARestartFinishesExactly() throws Exception {
		faults().reset(Duration.ofMillis(300), 0, null, null);
		CompletableFuture<JobExecution> run = CompletableFuture.supplyAsync(() -> {
			try {
				return jobs
					.launch(JobNames.HISTORY_BACKFILL,
							jobs.prepare(JobNames.HISTORY_BACKFILL,
									Map.of("from", "2026-09-01", "to", "2026-10-30", "symbols", TWELVE), false))
					.execution();
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
		await().atMost(Duration.ofSeconds(20)).until(() -> count("SELECT COUNT(*) FROM candle") > 0);
		assertThat(control.stopRunning()).hasSize(1);
		JobExecution stopped = run.get();
		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(stopped.getExitStatus().getExitDescription()).contains("restart " + stopped.getId());
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).isLessThan(12L * 41 * 375);
		faults().reset(null, 0, null, null);
		JobExecution resumed = control.restart(stopped.getId());
		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'")).isEqualTo(12L * 41 * 375);
		TestData.assertBarsFollowMinutes(jdbc);
	}

}
