package io.marketbatch.jobs;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.launch.ExecutionTracker;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.Instrument;
import io.marketbatch.store.BarWriter;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.CandleCoverage;
import io.marketbatch.store.CandleWriter;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code gapFill(runAt)}: every 5 minutes of the session, the 1-minute candles missing
 * since the open are fetched and upserted; instruments without a gap cost no broker call.
 */
@Configuration(proxyBeanMethods = false)
public class GapFillJob {

	private static final int CHUNK = 16;

	@Bean
	GapFillSpec gapFillSpec() {
		return new GapFillSpec();
	}

	@Bean
	Job gapFill(JobRepository repository, ExecutionTracker tracker, CalendarRepository calendars,
			GapFillSpec gapFillSpec, Step gapFillStep, Step gapFillBarsStep) {
		return JobFlows.guarded(gapFillSpec, repository, tracker, calendars, gapFillStep, gapFillBarsStep);
	}

	@Bean
	@StepScope
	ListReader<BarDay> gapFillBarsReader(InstrumentDirectory directory, CandleCoverage coverage,
			CalendarRepository calendars, Clock clock, @Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return BarSteps.dueReader("gapFill.bars", JobInstruments.of(directory, universe, symbols), coverage,
				calendars::load, clock);
	}

	@Bean
	Step gapFillBarsStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ListReader<BarDay> gapFillBarsReader, DayAggregator dayAggregator, BarWriter barWriter) {
		return BarSteps.rebuild(JobNames.GAP_FILL, repository, transactionManager, gapFillBarsReader, dayAggregator,
				barWriter);
	}

	@Bean
	@StepScope
	ListReader<Instrument> gapFillReader(InstrumentDirectory directory,
			@Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return new ListReader<>("gapFill.instruments", JobInstruments.of(directory, universe, symbols));
	}

	@Bean
	@StepScope
	GapFiller gapFillProcessor(MarketDataSource broker, CalendarRepository calendars, Completeness completeness,
			CandleCoverage coverage, CalendarDrift calendarDrift, Clock clock,
			@Value("#{jobParameters['runAt']}") LocalDateTime runAt) {
		Instant slot = runAt.atZone(calendars.load().zone()).toInstant();
		return new GapFiller(broker, JobInstruments.calendar(calendars), completeness, calendarDrift, clock, slot,
				coverage);
	}

	@Bean
	Step gapFillStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ListReader<Instrument> gapFillReader, GapFiller gapFillProcessor, CandleWriter candleWriter,
			AsyncTaskExecutor brokerCallExecutor) {
		return new StepBuilder("fillGaps", repository).<Instrument, CandleBatch>chunk(CHUNK)
			.reader(gapFillReader)
			.processor(gapFillProcessor)
			.writer(candleWriter)
			.taskExecutor(brokerCallExecutor)
			.transactionManager(transactionManager)
			.listener(new ConsoleProgress<CandleBatch>(JobNames.GAP_FILL, gapFillReader::getCurrentItemCount,
					gapFillReader::size, b -> b.candles().size(), false))
			.build();
	}

}
