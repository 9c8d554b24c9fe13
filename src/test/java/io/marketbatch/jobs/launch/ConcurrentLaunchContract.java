package io.marketbatch.jobs.launch;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.support.TestData;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.aop.framework.Advised;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Launchers racing for one job instance (threads standing in for two nodes, the command
 * line and the scheduler, a double POST) create exactly one execution of it. Runs on H2
 * and on an embedded PostgreSQL.
 */
@SpringBootTest(properties = { "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"spring.main.web-application-type=none", "marketbatch.universe=NIFTY50", "spring.main.banner-mode=off",
		"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
abstract class ConcurrentLaunchContract {

	private static final int LAUNCHERS = 8;

	@Autowired
	JobLaunches launches;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	@Autowired
	DataSource dataSource;

	@BeforeEach
	void cleanSlate() {
		TestData.clean(jdbc, repository, broker);
	}

	private JobParameters dailyBackfill(String day) {
		return launches.prepare(JobNames.DAILY_BACKFILL, Map.of("businessDate", day, "symbols", "TCS,INFY"), false);
	}

	private long executions(JobParameters parameters) {
		return jdbc.queryForObject(
				"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
						+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND i.JOB_KEY = ?",
				Long.class, JobNames.DAILY_BACKFILL,
				new org.springframework.batch.core.job.DefaultJobKeyGenerator().generateKey(parameters));
	}

	/** Runs {@code task} on {@link #LAUNCHERS} threads released at the same instant. */
	private static <T> List<Outcome<T>> race(Callable<T> task) throws Exception {
		CyclicBarrier start = new CyclicBarrier(LAUNCHERS);
		ExecutorService threads = Executors.newFixedThreadPool(LAUNCHERS);
		try {
			List<Future<Outcome<T>>> futures = new ArrayList<>();
			for (int i = 0; i < LAUNCHERS; i++) {
				futures.add(threads.submit(() -> {
					start.await();
					try {
						return new Outcome<>(task.call(), null);
					}
					catch (Exception e) {
						return new Outcome<T>(null, e);
					}
				}));
			}
			List<Outcome<T>> outcomes = new ArrayList<>();
			for (Future<Outcome<T>> future : futures) {
				outcomes.add(future.get(60, TimeUnit.SECONDS));
			}
			return outcomes;
		}
		finally {
			threads.shutdownNow();
		}
	}

	record Outcome<T>(T value, Exception error) {
	}

	/** A FAILED execution of a new instance, as a broker outage leaves it. */
	private JobExecution failed(JobParameters parameters) {
		JobInstance instance = repository.createJobInstance(JobNames.DAILY_BACKFILL, parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.FAILED);
		execution.setEndTime(LocalDateTime.now());
		repository.update(execution);
		return execution;
	}

	@Test
	void launchersOfANewInstanceCreateOneExecution() throws Exception {
		JobParameters parameters = dailyBackfill("2026-11-19");
		List<Outcome<JobLaunches.Launch>> outcomes = race(() -> launches.launch(JobNames.DAILY_BACKFILL, parameters));
		assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.error()).isNull());
		assertThat(outcomes).filteredOn(o -> o.value().outcome() == JobLaunches.Outcome.RAN).hasSize(1);
		assertThat(executions(parameters)).isEqualTo(1);
		assertThat(repository.getLastJobExecution(JobNames.DAILY_BACKFILL, parameters).getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void launchersResumingOneFailedInstanceCreateOneExecution() throws Exception {
		JobParameters parameters = dailyBackfill("2026-11-18");
		failed(parameters);
		List<Outcome<JobLaunches.Launch>> outcomes = race(() -> launches.launch(JobNames.DAILY_BACKFILL, parameters));
		assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.error()).isNull());
		assertThat(outcomes).filteredOn(o -> o.value().outcome() == JobLaunches.Outcome.RAN).hasSize(1);
		assertThat(outcomes).filteredOn(o -> o.value().outcome() != JobLaunches.Outcome.RAN)
			.allSatisfy(o -> assertThat(o.value().outcome()).isIn(JobLaunches.Outcome.ALREADY_RUNNING,
					JobLaunches.Outcome.ALREADY_COMPLETED));
		assertThat(executions(parameters)).as("the FAILED one and one resume").isEqualTo(2);
	}

	/**
	 * Each thread with a guard of its own, as each process has: only the database's row
	 * lock keeps them apart.
	 */
	@Test
	void guardsOfSeparateProcessesCreateOneExecutionOfAnInstance() throws Exception {
		JobParameters parameters = dailyBackfill("2026-11-17");
		JobInstance instance = failed(parameters).getJobInstance();
		JobRepository unguarded = (JobRepository) ((Advised) repository).getTargetSource().getTarget();
		ThreadLocal<JobRepository> ownGuard = ThreadLocal.withInitial(() -> LaunchGuard.guard(unguarded, dataSource));
		List<Outcome<JobExecution>> outcomes = race(
				() -> ownGuard.get().createJobExecution(instance, parameters, new ExecutionContext()));
		assertThat(outcomes).filteredOn(o -> o.error() == null).hasSize(1);
		assertThat(outcomes).filteredOn(o -> o.error() != null)
			.hasSize(LAUNCHERS - 1)
			.allSatisfy(o -> assertThat(o.error()).isInstanceOf(ConcurrentLaunchException.class)
				.hasMessageContaining("not creating another"));
		assertThat(executions(parameters)).isEqualTo(2);
	}

}
