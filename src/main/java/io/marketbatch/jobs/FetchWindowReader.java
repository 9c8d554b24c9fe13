package io.marketbatch.jobs;

import io.marketbatch.broker.BrokerLimits;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.Completeness;

import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;

/**
 * Hole-driven work list for candle backfills: per instrument, the trading days in [from,
 * to] that {@link Completeness} finds incomplete, grouped into as few requests as the
 * broker's largest range allows. With {@code onlyHoles=false} every trading day is
 * fetched again (the daily backfill replacing provisional candles).
 * <p>
 * The checkpoint is the index of the instrument being read: a restart recomputes that
 * instrument's holes, which no longer include the days its committed chunks wrote. The
 * backfill plan's scan ({@link #plan}) is kept for the step's {@link #open} that follows,
 * so the holes are measured once per step.
 */
public class FetchWindowReader extends ItemStreamSupport implements ItemStreamReader<FetchWindow>, BackfillPlan.Scan {

	/** Where an instrument's holes come from ({@link Completeness#incompleteDays}). */
	@FunctionalInterface
	interface Holes {

		List<LocalDate> incompleteDays(TradingCalendar cal, long instrumentId, LocalDate from, LocalDate to);

	}

	private static final String INSTRUMENT_INDEX = "instrument.index";

	private static final String INSTRUMENT_TOTAL = "instrument.total";

	private final Supplier<List<Instrument>> instruments;

	private final Supplier<TradingCalendar> calendar;

	private final Holes holes;

	private final BrokerLimits limits;

	private final LocalDate from;

	private final LocalDate to;

	private final boolean onlyHoles;

	private List<Instrument> items = List.of();

	private List<LocalDate> tradingDays = List.of();

	/** Loaded once per step: every instrument's holes are measured against it. */
	private @Nullable TradingCalendar cal;

	private int index;

	private final Deque<FetchWindow> pending = new ArrayDeque<>();

	/**
	 * The plan's scan: the windows of every instrument from {@link #plannedFrom} on, for
	 * the {@link #open} from the same checkpoint.
	 */
	private @Nullable List<List<FetchWindow>> planned;

	private int plannedFrom;

	public FetchWindowReader(String name, Supplier<List<Instrument>> instruments, Supplier<TradingCalendar> calendar,
			Completeness completeness, BrokerLimits limits, LocalDate from, LocalDate to, boolean onlyHoles) {
		this(name, instruments, calendar, completeness::incompleteDays, limits, from, to, onlyHoles);
	}

	FetchWindowReader(String name, Supplier<List<Instrument>> instruments, Supplier<TradingCalendar> calendar,
			Holes holes, BrokerLimits limits, LocalDate from, LocalDate to, boolean onlyHoles) {
		setName(name);
		this.instruments = instruments;
		this.calendar = calendar;
		this.holes = holes;
		this.limits = limits;
		this.from = from;
		this.to = to;
		this.onlyHoles = onlyHoles;
	}

	/**
	 * Measures every hole from {@code checkpoint} on and keeps them for the step's
	 * {@link #open} from the same checkpoint: the windows the step will read.
	 */
	@Override
	public long plan(ExecutionContext checkpoint) {
		load();
		plannedFrom = start(checkpoint);
		List<List<FetchWindow>> scan = new ArrayList<>();
		for (int i = plannedFrom; i < items.size(); i++) {
			scan.add(windows(items.get(i)));
		}
		planned = scan;
		return scan.stream().mapToLong(List::size).sum();
	}

	@Override
	public void open(ExecutionContext context) {
		int start = start(context);
		if (planned == null || plannedFrom != start) {
			planned = null;
			load();
		}
		index = start - 1;
		pending.clear();
	}

	private void load() {
		items = instruments.get();
		cal = calendar.get();
		tradingDays = cal.tradingDays(from, to);
	}

	private int start(ExecutionContext context) {
		return context.getInt(getExecutionContextKey(INSTRUMENT_INDEX), 0);
	}

	@Override
	public @Nullable FetchWindow read() {
		while (pending.isEmpty()) {
			if (index + 1 >= items.size()) {
				return null;
			}
			index++;
			List<List<FetchWindow>> scan = planned;
			pending.addAll(scan != null ? scan.get(index - plannedFrom) : windows(items.get(index)));
		}
		return pending.poll();
	}

	@Override
	public void update(ExecutionContext context) {
		// the instrument being read; its finished windows are not holes any more after a
		// restart
		checkpoint(context, index);
	}

	/**
	 * Saves {@code instrumentIndex} as the instrument being read (a reader ahead of the
	 * writer saves the one its last written window belongs to).
	 */
	void checkpoint(ExecutionContext context, int instrumentIndex) {
		context.putInt(getExecutionContextKey(INSTRUMENT_INDEX), Math.max(instrumentIndex, 0));
		context.putInt(getExecutionContextKey(INSTRUMENT_TOTAL), items.size());
	}

	/** The index of the instrument whose windows are being read. */
	int instrumentIndex() {
		return index;
	}

	@Override
	public void close() {
		items = List.of();
		pending.clear();
		planned = null;
	}

	/** Instruments whose windows have all been read (for progress). */
	public int instrumentsDone() {
		return Math.max(0, pending.isEmpty() ? index + 1 : index);
	}

	public int instrumentCount() {
		return items.size();
	}

	List<FetchWindow> windows(Instrument instrument) {
		List<LocalDate> wanted = onlyHoles ? holes.incompleteDays(
				Objects.requireNonNull(cal, "open() loads the calendar"), instrument.id(), from, to) : tradingDays;
		List<FetchWindow> windows = new ArrayList<>();
		int i = 0;
		while (i < wanted.size()) {
			LocalDate first = wanted.get(i);
			LocalDate limit = limits.lastDayOfRange(first);
			Set<LocalDate> days = new LinkedHashSet<>();
			while (i < wanted.size() && !wanted.get(i).isAfter(limit)) {
				days.add(wanted.get(i++));
			}
			LocalDate last = days.stream().reduce((a, b) -> b).orElseThrow();
			windows.add(new FetchWindow(instrument, first, last, Set.copyOf(days)));
		}
		return windows;
	}

}
