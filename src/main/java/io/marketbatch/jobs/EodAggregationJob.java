package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.ExecutionTracker;
import io.marketbatch.market.Instrument;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.BarWriter;
import io.marketbatch.store.InstrumentDirectory;

import java.time.LocalDate;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code eodAggregation(businessDate)}: the day's stored 1-minute candles become 5m, 15m,
 * 30m, 1h and 1d bars anchored at the session open (75/25/13/7/1 bars on a normal NSE
 * day).
 */
@Configuration(proxyBeanMethods = false)
public class EodAggregationJob {

	private static final int CHUNK = 20;

	@Bean
	EodAggregationSpec eodAggregationSpec() {
		return new EodAggregationSpec();
	}

	@Bean
	Job eodAggregation(JobRepository repository, ExecutionTracker tracker, CalendarRepository calendars,
			EodAggregationSpec eodAggregationSpec, Step eodAggregationStep) {
		return JobFlows.guarded(eodAggregationSpec, repository, tracker, calendars, eodAggregationStep);
	}

	@Bean
	@StepScope
	ListReader<BarDay> eodAggregationReader(InstrumentDirectory directory,
			@Value("#{jobParameters['businessDate']}") LocalDate day,
			@Value("#{jobParameters['universe']}") String universe,
			@Value("#{jobParameters['symbols']}") String symbols) {
		Supplier<List<Instrument>> instruments = JobInstruments.of(directory, universe, symbols);
		return new ListReader<>("eodAggregation.instruments",
				() -> instruments.get().stream().map(instrument -> new BarDay(instrument, day)).toList());
	}

	@Bean
	Step eodAggregationStep(JobRepository repository, PlatformTransactionManager transactionManager,
			ListReader<BarDay> eodAggregationReader, DayAggregator dayAggregator, BarWriter barWriter) {
		return new StepBuilder("aggregateBars", repository).<BarDay, BarWriter.DayBars>chunk(CHUNK)
			.reader(eodAggregationReader)
			.processor(dayAggregator)
			.writer(barWriter)
			.transactionManager(transactionManager)
			.listener(new ConsoleProgress<BarWriter.DayBars>(JobNames.EOD_AGGREGATION,
					eodAggregationReader::getCurrentItemCount, eodAggregationReader::size, b -> b.bars().size(), false))
			.build();
	}

}
