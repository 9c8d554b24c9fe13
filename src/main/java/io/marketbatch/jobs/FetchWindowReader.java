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
 * instrument's holes, which no longer include the days its committed chunks wrote.
 */
public class FetchWindowReader extends ItemStreamSupport implements ItemStreamReader<FetchWindow> {

	private static final String INSTRUMENT_INDEX = "instrument.index";

	private static final String INSTRUMENT_TOTAL = "instrument.total";

	private final Supplier<List<Instrument>> instruments;

	private final Supplier<TradingCalendar> calendar;

	private final Completeness completeness;

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

	public FetchWindowReader(String name, Supplier<List<Instrument>> instruments, Supplier<TradingCalendar> calendar,
			Completeness completeness, BrokerLimits limits, LocalDate from, LocalDate to, boolean onlyHoles) {
		setName(name);
		this.instruments = instruments;
		this.calendar = calendar;
		this.completeness = completeness;
		this.limits = limits;
		this.from = from;
		this.to = to;
		this.onlyHoles = onlyHoles;
	}

	@Override
	public void open(ExecutionContext context) {
		items = instruments.get();
		cal = calendar.get();
		tradingDays = cal.tradingDays(from, to);
		index = context.getInt(getExecutionContextKey(INSTRUMENT_INDEX), 0) - 1;
		pending.clear();
	}

	@Override
	public @Nullable FetchWindow read() {
		while (pending.isEmpty()) {
			if (index + 1 >= items.size()) {
				return null;
			}
			index++;
			pending.addAll(windows(items.get(index)));
		}
		return pending.poll();
	}

	@Override
	public void update(ExecutionContext context) {
		// the instrument being read; its finished windows are not holes any more after a
		// restart
		context.putInt(getExecutionContextKey(INSTRUMENT_INDEX), Math.max(index, 0));
		context.putInt(getExecutionContextKey(INSTRUMENT_TOTAL), items.size());
	}

	@Override
	public void close() {
		items = List.of();
		pending.clear();
	}

	/** Instruments whose windows have all been read (for progress). */
	public int instrumentsDone() {
		return Math.max(0, pending.isEmpty() ? index + 1 : index);
	}

	public int instrumentCount() {
		return items.size();
	}

	List<FetchWindow> windows(Instrument instrument) {
		List<LocalDate> wanted = onlyHoles ? completeness.incompleteDays(
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
