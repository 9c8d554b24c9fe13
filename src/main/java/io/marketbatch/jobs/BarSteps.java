package io.marketbatch.jobs;

import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.BarWriter;
import io.marketbatch.store.CandleCoverage;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The step every job that writes 1-minute candles ends with: the instrument-days whose
 * minutes changed after their bars were built (or whose aggregation failed) get their
 * 5m..1d bars rebuilt, so at every job end each stored bar equals the aggregate of its
 * stored minutes. Its work list is the coverage table itself, so a restart simply asks
 * again.
 */
final class BarSteps {

	private static final int CHUNK = 20;

	private BarSteps() {
	}

	/** The instrument-days of {@code instruments} due a rebuild, up to today. */
	static ListReader<BarDay> dueReader(String name, Supplier<List<Instrument>> instruments, CandleCoverage coverage,
			Supplier<TradingCalendar> calendar, Clock clock) {
		ListReader<BarDay> reader = new ListReader<>(name, () -> {
			Map<Long, Instrument> byId = instruments.get()
				.stream()
				.collect(Collectors.toMap(Instrument::id, Function.identity(), (a, b) -> a));
			return coverage.barsDue(List.copyOf(byId.keySet()), calendar.get().today(clock.instant()))
				.stream()
				.map(due -> new BarDay(byId.get(due.instrumentId()), due.day()))
				.toList();
		});
		// the list shrinks as days are built: a restart reads it afresh, not from an
		// index
		reader.setSaveState(false);
		return reader;
	}

	static Step rebuild(String jobName, JobRepository repository, PlatformTransactionManager transactionManager,
			ListReader<BarDay> reader, DayAggregator aggregator, BarWriter writer) {
		return new StepBuilder("rebuildBars", repository).<BarDay, BarWriter.DayBars>chunk(CHUNK)
			.reader(reader)
			.processor(aggregator)
			.writer(writer)
			.transactionManager(transactionManager)
			.listener(new ConsoleProgress<BarWriter.DayBars>(jobName, reader::getCurrentItemCount, reader::size,
					b -> b.bars().size(), false))
			.build();
	}

}
