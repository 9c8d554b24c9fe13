package io.marketbatch.jobs;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.http.RequestBudgets;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.jobs.launch.ExecutionTracker;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.store.BarWriter;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.CandleCoverage;
import io.marketbatch.store.CandleWriter;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;

import java.time.Clock;
import java.time.LocalDate;

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
 * {@code dailyBackfill(businessDate)}: the whole day's 1-minute candles for the universe
 * after the close, replacing the provisional ones written by gap fill during the session.
 */
@Configuration(proxyBeanMethods = false)
public class DailyBackfillJob {

	private static final int CHUNK = 16;

	@Bean
	DailyBackfillSpec dailyBackfillSpec() {
		return new DailyBackfillSpec();
	}

	@Bean
	Job dailyBackfill(JobRepository repository, ExecutionTracker tracker, CalendarRepository calendars,
			DailyBackfillSpec dailyBackfillSpec, Step dailyBackfillStep, Step dailyBackfillBarsStep) {
		return JobFlows.guarded(dailyBackfillSpec, repository, tracker, calendars, dailyBackfillStep,
				dailyBackfillBarsStep);
	}

	@Bean
	@StepScope
	ListReader<BarDay> dailyBackfillBarsReader(InstrumentDirectory directory, CandleCoverage coverage,
			CalendarRepository calendars, Clock clock, @Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return BarSteps.dueReader("dailyBackfill.bars", JobInstruments.of(directory, universe, symbols), coverage,
				calendars::load, clock);
	}

	@Bean
	Step dailyBackfillBarsStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ListReader<BarDay> dailyBackfillBarsReader, DayAggregator dayAggregator, BarWriter barWriter) {
		return BarSteps.rebuild(JobNames.DAILY_BACKFILL, repository, transactionManager, dailyBackfillBarsReader,
				dayAggregator, barWriter);
	}

	@Bean
	@StepScope
	FetchWindowReader dailyBackfillReader(InstrumentDirectory directory, CalendarRepository calendars,
			Completeness completeness, MarketDataSource broker,
			@Value("#{jobParameters['businessDate']}") LocalDate day,
			@Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return new FetchWindowReader("dailyBackfill.windows", JobInstruments.of(directory, universe, symbols),
				JobInstruments.calendar(calendars), completeness, broker.limits(), day, day, false);
	}

	@Bean
	Step dailyBackfillStep(JobRepository repository, PlatformTransactionManager transactionManager,
			FetchWindowReader dailyBackfillReader, MarketDataSource broker, CalendarRepository calendars,
			CandleWriter candleWriter, AsyncTaskExecutor brokerCallExecutor, MarketBatchProperties properties,
			CalendarDrift calendarDrift, Clock clock, RequestBudgets budgets) {
		return new StepBuilder("fetchDayCandles", repository).<FetchWindow, CandleBatch>chunk(CHUNK)
			.reader(dailyBackfillReader)
			.processor(new CandleFetcher(broker, JobInstruments.calendar(calendars), calendarDrift, clock))
			.writer(candleWriter)
			.taskExecutor(brokerCallExecutor)
			.transactionManager(transactionManager)
			.listener(new BackfillPlan(dailyBackfillReader, broker.name(), budgets, properties.progress()))
			.listener(new ConsoleProgress<CandleBatch>(JobNames.DAILY_BACKFILL, dailyBackfillReader::instrumentsDone,
					dailyBackfillReader::instrumentCount, b -> b.candles().size(), properties.progress()))
			.build();
	}

}
