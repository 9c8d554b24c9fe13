package io.marketbatch.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

/**
 * Folds a feed's ticks into 1-minute candles, per instrument. The exchange time decides a
 * tick's minute (floored); a minute closes on a watermark (the clock past its end plus
 * {@code grace}), never on the next tick, which a quiet instrument may not send; a tick
 * for a minute already closed is counted as late and dropped. Feeds report cumulative day
 * volume, so a minute's volume is the cumulative at its last tick minus the one at the
 * last tick before it. That baseline is 0 when the feed connected before the session
 * opened; otherwise the first tick sets it and its minute's volume is unknown, so that
 * minute is reported missed, as is every minute the feed was not connected for
 * throughout, and a minute whose volume went backwards (which re-baselines). A tick for a
 * closed minute that arrives while the baseline is unknown (a feed's snapshot on connect)
 * only sets the baseline. Not thread safe: the caller serialises calls.
 */
public final class TickFolder {

	private static final long MINUTE = 60;

	private final Set<Long> instruments;

	private final Instant sessionOpen;

	private final Duration grace;

	/** The next minute to close; earlier ones are closed. */
	private Instant next;

	/** Cumulative day volume at the last tick of a closed minute (or the baseline). */
	private final Map<Long, @Nullable Long> baseline = new LinkedHashMap<>();

	/** Open minutes' ticks, per instrument and minute. */
	private final Map<Long, TreeMap<Instant, Bar>> open = new LinkedHashMap<>();

	/** Connected since; null while disconnected or before the first connect. */
	private @Nullable Instant connectedSince;

	/** The first connect: minutes before it were not observed. */
	private @Nullable Instant firstConnect;

	/** When the feed was down: [from, to) intervals, to = null while down. */
	private final List<Instant[]> outages = new ArrayList<>();

	private long late;

	/**
	 * @param instruments the subscribed instruments' ids
	 * @param from the first minute to report (a restart resumes after its checkpoint)
	 * @param sessionOpen when the day's volume starts at 0
	 * @param grace how long after a minute ends its late ticks are still taken
	 */
	public TickFolder(Collection<Long> instruments, Instant from, Instant sessionOpen, Duration grace) {
		this.instruments = Set.copyOf(instruments);
		this.next = minuteOf(from);
		this.sessionOpen = sessionOpen;
		this.grace = grace;
		this.instruments.forEach(id -> {
			baseline.put(id, null);
			open.put(id, new TreeMap<>());
		});
	}

	/** The feed is connected and subscribed at {@code at}. */
	public void connected(Instant at) {
		if (connectedSince != null) {
			return;
		}
		connectedSince = at;
		if (firstConnect == null) {
			firstConnect = at;
		}
		if (!outages.isEmpty() && outages.get(outages.size() - 1)[1] == null) {
			outages.get(outages.size() - 1)[1] = at;
		}
		// the first delta after a gap would hold the gap's volume: baselines start again
		boolean beforeOpen = !at.isAfter(sessionOpen);
		instruments.forEach(id -> baseline.put(id, beforeOpen ? Long.valueOf(0) : null));
	}

	/** The connection dropped at {@code at}. */
	public void disconnected(Instant at) {
		if (connectedSince == null) {
			return;
		}
		connectedSince = null;
		outages.add(new Instant[] { at, null });
	}

	/**
	 * Takes one tick; false when it was dropped (unknown instrument, or late: its minute
	 * has closed).
	 */
	public boolean accept(Tick tick) {
		TreeMap<Instant, Bar> bars = open.get(tick.instrumentId());
		if (bars == null) {
			return false;
		}
		Instant minute = minuteOf(tick.exchangeTime());
		if (minute.isBefore(next)) {
			if (baseline.get(tick.instrumentId()) == null) {
				// the snapshot a feed sends on connect (the last trade, maybe minutes
				// ago):
				// too old for a candle, but the volume after it counts from here
				baseline.put(tick.instrumentId(), tick.dayVolume());
				return false;
			}
			late++;
			return false;
		}
		bars.merge(minute, Bar.of(tick), Bar::with);
		return true;
	}

	/** Ticks dropped because their minute had closed. */
	public long lateTicks() {
		return late;
	}

	/** The next minute to close. */
	public Instant nextMinute() {
		return next;
	}

	/** When the next minute closes (its end plus the grace). */
	public Instant nextClose() {
		return next.plusSeconds(MINUTE).plus(grace);
	}

	/** Closes the next minute when the watermark {@code now} has passed it. */
	public Optional<ClosedMinute> closeDue(Instant now) {
		if (now.isBefore(nextClose())) {
			return Optional.empty();
		}
		Instant minute = next;
		boolean observed = observedThroughout(minute);
		List<Candle> candles = new ArrayList<>();
		Set<Long> noTrade = new HashSet<>();
		Set<Long> missed = new HashSet<>();
		for (Long id : instruments) {
			Bar bar = open.get(id).remove(minute);
			Long before = baseline.get(id);
			if (bar == null) {
				(observed ? noTrade : missed).add(id);
				continue;
			}
			// a volume that went backwards (a reset, a replay) starts a new baseline
			baseline.put(id, bar.volume());
			if (!observed || before == null || bar.volume() < before) {
				missed.add(id);
				continue;
			}
			candles.add(new Candle(id, Timeframe.M1, minute, bar.open(), bar.high(), bar.low(), bar.close(),
					bar.volume() - before, null));
		}
		next = minute.plusSeconds(MINUTE);
		outages.removeIf(o -> o[1] != null && !o[1].isAfter(next));
		return Optional.of(new ClosedMinute(minute, candles, noTrade, missed));
	}

	/** Connected from before {@code minute} began until after it ended. */
	private boolean observedThroughout(Instant minute) {
		if (firstConnect == null || firstConnect.isAfter(minute)) {
			return false;
		}
		Instant end = minute.plusSeconds(MINUTE);
		return outages.stream().noneMatch(o -> o[0].isBefore(end) && (o[1] == null || o[1].isAfter(minute)));
	}

	private static Instant minuteOf(Instant t) {
		return Instant.ofEpochSecond(Math.floorDiv(t.getEpochSecond(), MINUTE) * MINUTE);
	}

	/**
	 * One minute's ticks so far: prices by exchange time, the highest cumulative volume.
	 */
	private record Bar(Instant first, BigDecimal open, BigDecimal high, BigDecimal low, Instant last, BigDecimal close,
			long volume) {

		static Bar of(Tick t) {
			return new Bar(t.exchangeTime(), t.price(), t.price(), t.price(), t.exchangeTime(), t.price(),
					t.dayVolume());
		}

		Bar with(Bar t) {
			boolean earlier = t.first().isBefore(first);
			boolean later = !t.last().isBefore(last);
			return new Bar(earlier ? t.first() : first, earlier ? t.open() : open, high.max(t.high()), low.min(t.low()),
					later ? t.last() : last, later ? t.close() : close, Math.max(volume, t.volume()));
		}
	}

}
