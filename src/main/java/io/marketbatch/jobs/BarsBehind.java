package io.marketbatch.jobs;

import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.BarWriter;
import io.marketbatch.store.CandleCoverage;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Builds the bars of the days a backfill step has committed while the step goes on: the
 * step waits for the broker's rate limit most of the time, so the database and the CPU
 * can aggregate behind it, and the job's {@code rebuildBars} step is left with the last
 * chunks' days only. The work list is the one {@code rebuildBars} reads (days whose
 * minutes were written after their bars were built, in committed data), each chunk of
 * days in a transaction of its own; a failure here only leaves the days to
 * {@code rebuildBars}.
 */
public class BarsBehind implements StepExecutionListener {

	private static final Logger log = LoggerFactory.getLogger(BarsBehind.class);

	private static final int CHUNK = 20;

	/** How often the committed work is looked at when nothing is due. */
	private static final Duration IDLE = Duration.ofMillis(500);

	private final Supplier<List<Instrument>> instruments;

	private final CandleCoverage coverage;

	private final Supplier<TradingCalendar> calendar;

	private final Clock clock;

	private final DayAggregator aggregator;

	private final BarWriter writer;

	private final TransactionTemplate transactions;

	private final Object idle = new Object();

	private volatile boolean stepRunning;

	private @Nullable Thread worker;

	public BarsBehind(Supplier<List<Instrument>> instruments, CandleCoverage coverage,
			Supplier<TradingCalendar> calendar, Clock clock, DayAggregator aggregator, BarWriter writer,
			PlatformTransactionManager transactionManager) {
		this.instruments = instruments;
		this.coverage = coverage;
		this.calendar = calendar;
		this.clock = clock;
		this.aggregator = aggregator;
		this.writer = writer;
		this.transactions = new TransactionTemplate(transactionManager);
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		stepRunning = true;
		Thread thread = new Thread(this::buildWhileTheStepRuns, stepExecution.getStepName() + "-bars");
		thread.setDaemon(true);
		worker = thread;
		thread.start();
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		stepRunning = false;
		synchronized (idle) {
			idle.notifyAll();
		}
		Thread thread = worker;
		if (thread != null) {
			try {
				// the chunk of days in hand is finished, not abandoned
				thread.join(Duration.ofMinutes(1).toMillis());
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}
		return null;
	}

	private void buildWhileTheStepRuns() {
		try {
			Map<Long, Instrument> byId = instruments.get()
				.stream()
				.collect(Collectors.toMap(Instrument::id, Function.identity(), (a, b) -> a));
			List<Long> ids = List.copyOf(byId.keySet());
			while (stepRunning) {
				List<BarDay> due = coverage.barsDue(ids, calendar.get().today(clock.instant()))
					.stream()
					.map(d -> new BarDay(byId.get(d.instrumentId()), d.day()))
					.toList();
				for (int i = 0; i < due.size() && stepRunning; i += CHUNK) {
					build(due.subList(i, Math.min(due.size(), i + CHUNK)));
				}
				if (due.isEmpty()) {
					synchronized (idle) {
						if (stepRunning) {
							idle.wait(IDLE.toMillis());
						}
					}
				}
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
		}
		catch (RuntimeException e) {
			log.warn("bars behind the backfill stopped ({}); rebuildBars builds the rest", e.getMessage());
		}
	}

	private void build(List<BarDay> days) {
		transactions.executeWithoutResult(status -> {
			List<BarWriter.DayBars> bars = new ArrayList<>();
			days.forEach(day -> bars.add(aggregator.process(day)));
			try {
				writer.write(new Chunk<>(bars));
			}
			catch (RuntimeException e) {
				throw e;
			}
			catch (Exception e) {
				throw new IllegalStateException(e.getMessage(), e);
			}
		});
	}

}
