package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.BatchJobs;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.jobs.launch.NodeRegistry;

import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.store.InstrumentWriter;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.support.JobOperatorFactoryBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The launch facade, and the simulated market's reference data on first start. */
@Configuration(proxyBeanMethods = false)
public class JobsConfiguration {

	private static final Logger log = LoggerFactory.getLogger(JobsConfiguration.class);

	@Bean
	BatchJobs batchJobs(List<Job> jobs, JobOperator jobOperator, JobRepository jobRepository, JobRequests requests,
			NodeRegistry node, PlatformTransactionManager transactionManager,
			ObjectProvider<ObservationRegistry> observations) throws Exception {
		// a second operator that launches on its own threads, for the API's 202 Accepted
		MapJobRegistry jobRegistry = new MapJobRegistry();
		for (Job job : jobs) {
			jobRegistry.register(job);
		}
		JobOperatorFactoryBean async = new JobOperatorFactoryBean();
		async.setJobRepository(jobRepository);
		async.setJobRegistry(jobRegistry);
		async.setTransactionManager(transactionManager);
		async.setObservationRegistry(observations.getIfAvailable(() -> ObservationRegistry.NOOP));
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("api-job-");
		async.setTaskExecutor(executor);
		async.afterPropertiesSet();
		return new BatchJobs(jobs, jobOperator, async.getObject(), jobRepository, requests, node);
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

}
