package io.marketbatch.jobs;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.ExecutionOwner;
import io.marketbatch.jobs.launch.ExecutionTracker;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.LaunchGuard;
import io.marketbatch.jobs.launch.NodeRegistry;
import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.store.InstrumentWriter;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import javax.sql.DataSource;

import io.micrometer.observation.ObservationRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.annotation.Order;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Launching and controlling the jobs: the request parser over the jobs' specs, the launch
 * policy, execution control, the execution tracker every job attaches, this node, and the
 * simulated market's reference data on first start.
 */
@Configuration(proxyBeanMethods = false)
public class JobsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(JobsConfiguration.class);

	@Bean
	JobRequests jobRequests(List<JobSpec> specs, Clock clock, CalendarRepository calendars,
			InstrumentDirectory directory, MarketBatchProperties properties) {
		List<JobSpec> ordered = specs.stream()
			.sorted(Comparator.comparingInt(spec -> JobNames.ALL.indexOf(spec.name())))
			.toList();
		return new JobRequests(ordered, clock, calendars, directory, properties.universe());
	}

	/**
	 * One execution per job instance, whoever launches: the job repository's
	 * createJobExecution locks the instance first.
	 */
	@Bean
	static BeanPostProcessor launchGuard(ObjectProvider<DataSource> dataSource) {
		return LaunchGuard.installer(dataSource);
	}

	@Bean
	ExecutionTracker executionTracker(JobRepository jobRepository, NodeRegistry node) {
		return new ExecutionTracker(new ExecutionOwner(jobRepository, node));
	}

	/**
	 * A second operator that launches on its own threads, for the API's 202 Accepted;
	 * held in a record so Boot's own (synchronous) JobOperator stays the only bean of
	 * that type.
	 */
	@Bean
	BackgroundJobOperator backgroundJobOperator(List<Job> jobs, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, ObjectProvider<ObservationRegistry> observations)
			throws Exception {
		MapJobRegistry jobRegistry = new MapJobRegistry();
		for (Job job : jobs) {
			jobRegistry.register(job);
		}
		JobOperatorFactoryBean async = new JobOperatorFactoryBean();
		async.setJobRepository(jobRepository);
		async.setJobRegistry(jobRegistry);
		async.setTransactionManager(transactionManager);
		async.setObservationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
		async.setTaskExecutor(new SimpleAsyncTaskExecutor("api-job-"));
		async.afterPropertiesSet();
		return new BackgroundJobOperator(async.getObject());
	}

	@Bean
	JobLaunches jobLaunches(List<Job> jobs, JobRequests requests, JobRepository jobRepository, JobOperator jobOperator,
			BackgroundJobOperator background, ExecutionTracker tracker, Clock clock) {
		return new JobLaunches(jobs, requests, jobRepository, jobOperator, background.operator(), tracker.owner(),
				clock);
	}

	@Bean
	ExecutionControl executionControl(JobRepository jobRepository, JobOperator jobOperator,
			BackgroundJobOperator background, ExecutionTracker tracker, JobLaunches launches, Clock clock) {
		return new ExecutionControl(jobRepository, jobOperator, background.operator(), tracker, launches.specs(),
				clock);
	}

	/**
	 * Broker calls in flight at once inside a step; each chunk's items are fetched
	 * concurrently.
	 */
	@Bean
	AsyncTaskExecutor brokerCallExecutor(MarketBatchProperties properties) {
		ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
		executor.setCorePoolSize(Math.max(1, properties.concurrency()));
		executor.setMaxPoolSize(Math.max(1, properties.concurrency()));
		executor.setThreadNamePrefix("broker-");
		executor.setDaemon(true);
		return executor;
	}

	/**
	 * This process in batch_node, alive while it beats (Flyway has created the table by
	 * then).
	 */
	@Bean(destroyMethod = "close")
	@DependsOn("flywayInitializer")
	NodeRegistry nodeRegistry(JdbcClient jdbc, MarketBatchProperties properties) {
		return new NodeRegistry(jdbc, properties.service() ? "service" : "cli");
	}

	/**
	 * With the simulated broker, its instruments and the built-in universes are in the
	 * database from the first start, before any instrumentSync (so
	 * {@code universe=NIFTY50} just works).
	 */
	@Bean
	@Order(0)
	ApplicationRunner simulatedReferenceData(MarketBatchProperties properties, MarketDataSource broker,
			InstrumentDirectory directory, InstrumentWriter writer, TransactionTemplate transactions) {
		return args -> {
			if (!SimulatedBroker.NAME.equals(broker.name()) || !directory.universeNames().isEmpty()) {
				return;
			}
			transactions.executeWithoutResult(status -> {
				var master = broker.instrumentMaster();
				writer.write(master);
				var members = writer.replaceUniverses(properties.exchange(), broker.universes(), broker.name(),
						BuiltInUniverses.DESCRIPTIONS);
				log.info("simulated market ready: {} instruments, universes {}", master.size(), members);
			});
		};
	}

	/** The operator that runs jobs on their own threads. */
	record BackgroundJobOperator(JobOperator operator) {
	}

}
