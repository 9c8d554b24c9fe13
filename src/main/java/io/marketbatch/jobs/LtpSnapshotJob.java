package io.marketbatch.jobs;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.launch.ExecutionTracker;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpBatch;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.store.LtpSnapshotWriter;

import java.time.Clock;
import java.time.LocalDateTime;
import java.util.List;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code ltpSnapshot(minute)}: last price, day volume and change of the universe, in
 * calls of the broker's largest batch, stored at the minute being captured.
 */
@Configuration(proxyBeanMethods = false)
public class LtpSnapshotJob {

	/** Broker batches per chunk (16 × 500 instruments on Upstox). */
	private static final int CHUNK = 16;

	@Bean
	LtpSnapshotSpec ltpSnapshotSpec() {
		return new LtpSnapshotSpec();
	}

	@Bean
	Job ltpSnapshot(JobRepository repository, ExecutionTracker tracker, CalendarRepository calendars,
			LtpSnapshotSpec ltpSnapshotSpec, Step ltpSnapshotStep) {
		return JobFlows.guarded(ltpSnapshotSpec, repository, tracker, calendars, ltpSnapshotStep);
	}

	@Bean
	@StepScope
	InstrumentBatchReader ltpSnapshotReader(InstrumentDirectory directory, MarketDataSource broker,
			@Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return new InstrumentBatchReader("ltpSnapshot.batches", JobInstruments.of(directory, universe, symbols),
				broker.limits().ltpBatchSize());
	}

	@Bean
	@StepScope
	LtpFetcher ltpSnapshotProcessor(MarketDataSource broker, CalendarRepository calendars, Clock clock,
			@Value("#{jobParameters['minute']}") LocalDateTime minute) {
		return new LtpFetcher(broker, minute.atZone(calendars.load().zone()).toInstant(), clock);
	}

	@Bean
	Step ltpSnapshotStep(JobRepository repository, PlatformTransactionManager transactionManager,
			InstrumentBatchReader ltpSnapshotReader, LtpFetcher ltpSnapshotProcessor, LtpSnapshotWriter writer) {
		// the snapshot must be taken within its minute: a chunk's batches are all asked
		// for at once; the broker client's request budget makes calls over the account's
		// rate limit wait, so this reaches the limit without passing it
		SimpleAsyncTaskExecutor ltpCalls = new SimpleAsyncTaskExecutor("ltp-");
		ltpCalls.setConcurrencyLimit(CHUNK);
		ltpCalls.setDaemon(true);
		return new StepBuilder("snapshotPrices", repository).<List<Instrument>, LtpBatch>chunk(CHUNK)
			.reader(ltpSnapshotReader)
			.processor(ltpSnapshotProcessor)
			.writer(writer)
			.taskExecutor(ltpCalls)
			.transactionManager(transactionManager)
			.listener(new ConsoleProgress<LtpBatch>(JobNames.LTP_SNAPSHOT, () -> 0, () -> 0, b -> b.quotes().size(),
					false))
			.build();
	}

}
