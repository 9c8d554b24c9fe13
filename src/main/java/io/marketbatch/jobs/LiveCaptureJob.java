package io.marketbatch.jobs;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.launch.ExecutionTracker;
import io.marketbatch.market.ClosedMinute;
import io.marketbatch.market.Instrument;
import io.marketbatch.store.BarWriter;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.CandleCoverage;
import io.marketbatch.store.CandleWriter;
import io.marketbatch.store.InstrumentDirectory;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code liveCapture(exchange, date)}: the day's session from the broker's streaming
 * feed, one finished minute per chunk, as provisional {@code live} 1-minute candles with
 * what each minute answered; then the day's bars. Ends at the session's close.
 */
@Configuration(proxyBeanMethods = false)
public class LiveCaptureJob {

	/**
	 * Events waiting for the watchers; beyond this they are dropped, never waited for.
	 */
	private static final int EVENT_QUEUE = 20_000;

	@Bean
	LiveCaptureSpec liveCaptureSpec() {
		return new LiveCaptureSpec();
	}

	@Bean(destroyMethod = "close")
	LiveEvents liveEvents() {
		return new LiveEvents(EVENT_QUEUE);
	}

	@Bean
	Job liveCapture(JobRepository repository, ExecutionTracker tracker, CalendarRepository calendars,
			LiveCaptureSpec liveCaptureSpec, Step liveCaptureStep, Step liveCaptureBarsStep) {
		MarketGuard guard = new MarketGuard(calendars, liveCaptureSpec);
		return JobFlows.builder(liveCaptureSpec, repository, tracker)
			.listener(guard)
			.listener(new JobExecutionListener() {
				@Override
				public void afterJob(JobExecution execution) {
					if (execution.getExecutionContext().containsKey(LiveCaptureReader.NO_FEED)) {
						execution.setExitStatus(new ExitStatus(ExitStatus.COMPLETED.getExitCode(),
								execution.getExecutionContext().getString(LiveCaptureReader.NO_FEED)));
					}
				}
			})
			.start(guard)
			.on(MarketGuard.CLOSED)
			.end()
			.from(guard)
			.on("*")
			.to(liveCaptureStep)
			.next(liveCaptureBarsStep)
			.end()
			.build();
	}

	private static Supplier<List<Instrument>> instruments(InstrumentDirectory directory, String exchange,
			String universe, String symbols) {
		return symbols != null
				? () -> directory.symbols(exchange, io.marketbatch.jobs.launch.JobRequests.symbols(symbols))
				: () -> directory.universe(universe);
	}

	@Bean
	@StepScope
	LiveCaptureReader liveCaptureReader(InstrumentDirectory directory, MarketDataSource broker,
			CalendarRepository calendars, Clock clock, LiveEvents liveEvents,
			@Value("#{stepExecution}") StepExecution stepExecution,
			@Value("#{jobParameters['exchange']}") String exchange, @Value("#{jobParameters['date']}") LocalDate day,
			@Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return new LiveCaptureReader(instruments(directory, exchange, universe, symbols), broker,
				() -> calendars.load(exchange), day, clock, liveEvents, stepExecution);
	}

	@Bean
	@StepScope
	LiveMinuteWriter liveCaptureWriter(CandleWriter candleWriter, CandleCoverage coverage,
			InstrumentDirectory directory, CalendarRepository calendars, LiveEvents liveEvents,
			@Value("#{jobParameters['exchange']}") String exchange, @Value("#{jobParameters['date']}") LocalDate day,
			@Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return new LiveMinuteWriter(candleWriter, coverage, instruments(directory, exchange, universe, symbols), day,
				calendars.load(exchange).zone(), liveEvents);
	}

	/**
	 * One finished minute per chunk: its candles, its coverage and its checkpoint commit
	 * together.
	 */
	@Bean
	Step liveCaptureStep(JobRepository repository, PlatformTransactionManager transactionManager,
			LiveCaptureReader liveCaptureReader, LiveMinuteWriter liveCaptureWriter) {
		return new StepBuilder("captureMinutes", repository).<ClosedMinute, ClosedMinute>chunk(1)
			.reader(liveCaptureReader)
			.writer(liveCaptureWriter)
			.transactionManager(transactionManager)
			.build();
	}

	@Bean
	@StepScope
	ListReader<BarDay> liveCaptureBarsReader(InstrumentDirectory directory, CandleCoverage coverage,
			CalendarRepository calendars, Clock clock, @Value("#{jobParameters['exchange']}") String exchange,
			@Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		return BarSteps.dueReader("liveCapture.bars", instruments(directory, exchange, universe, symbols), coverage,
				() -> calendars.load(exchange), clock);
	}

	@Bean
	Step liveCaptureBarsStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ListReader<BarDay> liveCaptureBarsReader, DayAggregator dayAggregator, BarWriter barWriter) {
		return BarSteps.rebuild(JobNames.LIVE_CAPTURE, repository, transactionManager, liveCaptureBarsReader,
				dayAggregator, barWriter);
	}

}
