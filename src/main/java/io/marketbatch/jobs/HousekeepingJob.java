package io.marketbatch.jobs;

import io.marketbatch.config.RetentionProperties;
import io.marketbatch.jobs.launch.ExecutionTracker;
import io.marketbatch.store.Partitions;

import java.time.Clock;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code housekeeping(businessDate)}: keeps the job repository small. The minute-level
 * jobs (ltpSnapshot, gapFill) make about 450 instances a trading day; those whose
 * executions all began more than {@code marketbatch.retention.executions} (30 days)
 * before the day are removed, in batches. Then, on PostgreSQL, the monthly partitions of
 * {@code candle} and {@code ltp_snapshot} are created ahead ({@link Partitions}) and
 * months of {@code ltp_snapshot} older than {@code marketbatch.retention.ltp} (if set)
 * are dropped.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(RetentionProperties.class)
public class HousekeepingJob {

	/** Instances removed per transaction. */
	static final int BATCH = 500;

	@Bean
	HousekeepingSpec housekeepingSpec() {
		return new HousekeepingSpec();
	}

	@Bean
	Job housekeeping(JobRepository repository, ExecutionTracker tracker, HousekeepingSpec housekeepingSpec,
			Step purgeExecutionsStep, Step partitionsStep) {
		return JobFlows.builder(housekeepingSpec, repository, tracker)
			.start(purgeExecutionsStep)
			.next(partitionsStep)
			.build();
	}

	@Bean
	Step purgeExecutionsStep(JobRepository repository, PlatformTransactionManager transactionManager,
			NamedParameterJdbcTemplate jdbc, RetentionProperties retention) {
		return new StepBuilder("purgeExecutions", repository)
			.tasklet(new HousekeepingPurge(jdbc, List.of(JobNames.LTP_SNAPSHOT, JobNames.GAP_FILL),
					retention.executions(), BATCH), transactionManager)
			.build();
	}

	@Bean
	Step partitionsStep(JobRepository repository, PlatformTransactionManager transactionManager, JdbcClient jdbc,
			Clock clock, RetentionProperties retention) {
		Partitions partitions = new Partitions(jdbc, clock);
		return new StepBuilder("partitions", repository).tasklet((contribution, chunk) -> {
			contribution.incrementWriteCount(partitions.createAhead().size());
			retention.ltpRetention()
				.ifPresent(keep -> contribution.incrementWriteCount(partitions.dropLtpOlderThan(keep).size()));
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
