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
 * {@code historyBackfill(from, to)}: 1-minute candles for every incomplete trading day of
 * the range, asked in the broker's largest range per request, fetched concurrently,
 * written in chunks that each commit a checkpoint. Runs Sundays for the last two months,
 * and on first start.
 */
@Configuration(proxyBeanMethods = false)
public class HistoryBackfillJob {

	private static final int CHUNK = 8;

	@Bean
	HistoryBackfillSpec historyBackfillSpec() {
		return new HistoryBackfillSpec();
	}

	@Bean
	Job historyBackfill(JobRepository repository, ExecutionTracker tracker, CalendarRepository calendars,
			HistoryBackfillSpec historyBackfillSpec, Step historyBackfillStep, Step historyBackfillBarsStep) {
		return JobFlows.guarded(historyBackfillSpec, repository, tracker, calendars, historyBackfillStep,
				historyBackfillBarsStep);
	}

	@Bean
	@StepScope
	ListReader<BarDay> historyBackfillBarsReader(InstrumentDirectory directory, CandleCoverage coverage,
			CalendarRepository calendars, Clock clock, @Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return BarSteps.dueReader("historyBackfill.bars", JobInstruments.of(directory, universe, symbols), coverage,
				calendars::load, clock);
	}

	@Bean
	Step historyBackfillBarsStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ListReader<BarDay> historyBackfillBarsReader, DayAggregator dayAggregator, BarWriter barWriter) {
		return BarSteps.rebuild(JobNames.HISTORY_BACKFILL, repository, transactionManager, historyBackfillBarsReader,
				dayAggregator, barWriter);
	}

	@Bean
	@StepScope
	FetchWindowReader historyBackfillReader(InstrumentDirectory directory, CalendarRepository calendars,
			Completeness completeness, MarketDataSource broker, @Value("#{jobParameters['from']}") LocalDate from,
			@Value("#{jobParameters['to']}") LocalDate to, @Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return new FetchWindowReader("historyBackfill.windows", JobInstruments.of(directory, universe, symbols),
				JobInstruments.calendar(calendars), completeness, broker.limits(), from, to, true);
	}

	@Bean
	Step historyBackfillStep(JobRepository repository, PlatformTransactionManager transactionManager,
			FetchWindowReader historyBackfillReader, MarketDataSource broker, CalendarRepository calendars,
			CandleWriter candleWriter, AsyncTaskExecutor brokerCallExecutor, MarketBatchProperties properties,
			CalendarDrift calendarDrift, Clock clock, RequestBudgets budgets) {
		return new StepBuilder("fetchMinuteCandles", repository).<FetchWindow, CandleBatch>chunk(CHUNK)
			.reader(historyBackfillReader)
			.processor(new CandleFetcher(broker, JobInstruments.calendar(calendars), calendarDrift, clock))
			.writer(candleWriter)
			.taskExecutor(brokerCallExecutor)
			.transactionManager(transactionManager)
			.listener(new BackfillPlan(historyBackfillReader, broker.name(), budgets, properties.progress()))
			.listener(
					new ConsoleProgress<CandleBatch>(JobNames.HISTORY_BACKFILL, historyBackfillReader::instrumentsDone,
							historyBackfillReader::instrumentCount, b -> b.candles().size(), properties.progress()))
			.build();
	}

}
