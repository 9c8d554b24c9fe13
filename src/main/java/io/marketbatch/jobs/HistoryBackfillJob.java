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
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.AsyncTaskExecutor;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code historyBackfill(from, to)}: 1-minute candles for every incomplete trading day of
 * the range, asked in the broker's largest range per request, fetched ahead of the writer
 * ({@link FetchAheadReader}: the account's requests go on while a chunk is written),
 * written in chunks that each commit a checkpoint, their days' bars built behind them
 * ({@link BarsBehind}) while the step goes on. Runs Sundays for the last two months, and
 * on first start.
 */
@Configuration(proxyBeanMethods = false)
public class HistoryBackfillJob {

	private static final int CHUNK = 8;

	/**
	 * Windows fetched ahead of the one handed to the writer: two chunks, so the requests
	 * keep the account's pace through a chunk's write (about 126,000 rows on PostgreSQL).
	 */
	private static final int AHEAD = 2 * CHUNK;

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
	@StepScope
	FetchAheadReader historyBackfillFetches(FetchWindowReader historyBackfillReader, MarketDataSource broker,
			CalendarRepository calendars, CalendarDrift calendarDrift, Clock clock,
			AsyncTaskExecutor brokerCallExecutor, @Value("#{stepExecution}") StepExecution stepExecution) {
		// the job's exchange, resolved here: the fetches run on the broker pool, outside
		// the step's thread
		JobParameters parameters = stepExecution.getJobParameters();
		return new FetchAheadReader(historyBackfillReader,
				new CandleFetcher(broker, () -> JobInstruments.calendar(calendars, parameters), calendarDrift, clock),
				brokerCallExecutor, AHEAD);
	}

	@Bean
	@StepScope
	BarsBehind historyBackfillBarsBehind(InstrumentDirectory directory, CandleCoverage coverage,
			CalendarRepository calendars, Clock clock, DayAggregator dayAggregator, BarWriter barWriter,
			PlatformTransactionManager transactionManager, @Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols,
			@Value("#{stepExecution}") StepExecution stepExecution) {
		// as the rebuildBars step's reader, on a thread of its own
		JobParameters parameters = stepExecution.getJobParameters();
		return new BarsBehind(JobInstruments.of(directory, universe, symbols), coverage,
				() -> JobInstruments.calendar(calendars, parameters), clock, dayAggregator, barWriter,
				transactionManager);
	}

	@Bean
	Step historyBackfillStep(JobRepository repository, PlatformTransactionManager transactionManager,
			FetchAheadReader historyBackfillFetches, MarketDataSource broker, CandleWriter candleWriter,
			MarketBatchProperties properties, RequestBudgets budgets, BarsBehind historyBackfillBarsBehind) {
		return new StepBuilder("fetchMinuteCandles", repository).<CandleBatch, CandleBatch>chunk(CHUNK)
			.reader(historyBackfillFetches)
			.writer(candleWriter)
			.transactionManager(transactionManager)
			.listener(new BackfillPlan(historyBackfillFetches, broker.name(), budgets, properties.progress()))
			.listener(historyBackfillBarsBehind)
			.listener(
					new ConsoleProgress<CandleBatch>(JobNames.HISTORY_BACKFILL, historyBackfillFetches::instrumentsDone,
							historyBackfillFetches::instrumentCount, b -> b.candles().size(), properties.progress()))
			.build();
	}

}
