package io.marketbatch.jobs;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.jobs.launch.ExecutionTracker;
import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.market.CalendarException;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.market.MasterInstrument;
import io.marketbatch.store.InstrumentWriter;

import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code instrumentSync(businessDate)}: the broker's instrument master into
 * {@code instrument} and the broker's keys, then the universes (F&O derived from the live
 * futures' underlyings). Not calendar-bound: master data may be refreshed any day.
 */
@Configuration(proxyBeanMethods = false)
public class InstrumentSyncJob {

	private static final Logger log = LoggerFactory.getLogger(InstrumentSyncJob.class);

	private static final int CHUNK = 500;

	@Bean
	InstrumentSyncSpec instrumentSyncSpec() {
		return new InstrumentSyncSpec();
	}

	@Bean
	Job instrumentSync(JobRepository repository, ExecutionTracker tracker, InstrumentSyncSpec instrumentSyncSpec,
			Step syncInstrumentsStep, Step syncUniversesStep, Step syncCalendarStep) {
		return JobFlows.builder(instrumentSyncSpec, repository, tracker)
			.start(syncInstrumentsStep)
			.next(syncUniversesStep)
			.next(syncCalendarStep)
			.build();
	}

	/**
	 * The holidays and special sessions the broker publishes (Upstox), added to
	 * {@code trading_day} where the day is not there yet.
	 */
	@Bean
	Step syncCalendarStep(JobRepository repository, PlatformTransactionManager transactionManager,
			MarketDataSource broker, CalendarRepository calendars) {
		return new StepBuilder("syncCalendar", repository).tasklet((contribution, chunkContext) -> {
			List<CalendarException> days = broker.exchangeCalendar(calendars.exchange());
			long added = days.stream().filter(calendars::addIfAbsent).count();
			if (!days.isEmpty()) {
				log.info("calendar: {} of {} days published by {} added to trading_day", added, days.size(),
						broker.name());
			}
			contribution.incrementWriteCount(added);
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

	@Bean
	@StepScope
	ListReader<MasterInstrument> instrumentSyncReader(MarketDataSource broker) {
		return new ListReader<>("instrumentSync.master", broker::instrumentMaster);
	}

	@Bean
	Step syncInstrumentsStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ListReader<MasterInstrument> instrumentSyncReader, InstrumentWriter instrumentWriter) {
		return new StepBuilder("syncInstruments", repository).<MasterInstrument, MasterInstrument>chunk(CHUNK)
			.reader(instrumentSyncReader)
			.writer(instrumentWriter)
			.transactionManager(transactionManager)
			.build();
	}

	@Bean
	Step syncUniversesStep(JobRepository repository, PlatformTransactionManager transactionManager,
			MarketDataSource broker, InstrumentWriter instrumentWriter, MarketBatchProperties properties) {
		return new StepBuilder("syncUniverses", repository).tasklet((contribution, chunkContext) -> {
			// derived from the master the first step downloaded
			Map<String, Integer> members = instrumentWriter.replaceUniverses(properties.exchange(), broker.universes(),
					broker.name(), BuiltInUniverses.DESCRIPTIONS);
			members.forEach((name, count) -> log.info("universe {}: {} instruments", name, count));
			contribution.incrementWriteCount(members.values().stream().mapToLong(Integer::longValue).sum());
			return RepeatStatus.FINISHED;
		}, transactionManager).build();
	}

}
