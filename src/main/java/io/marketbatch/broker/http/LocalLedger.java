package io.marketbatch.broker.http;

import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A budget kept in this process (H2: one process per database): the times of the requests
 * of the longest window, by number, on the monotonic clock.
 */
final class LocalLedger implements Ledger {

	private final String budget;

	private final Clock wallClock;

	/** Request number to its time (an upper bound of when the broker saw it). */
	private final Map<Long, Long> times = new LinkedHashMap<>();

	/** Requests admitted so far. */
	private long sent;

	private long pausedUntil = SlidingWindows.NEVER;

	private @Nullable LocalDate breachDay;

	private int breaches;

	LocalLedger(String budget, Clock wallClock) {
		this.budget = budget;
		this.wallClock = wallClock;
	}

	private static long now() {
		return System.nanoTime() / 1000;
	}

	@Override
	public synchronized Answer tryAcquire(List<Window> windows, Penalty penalty, long flightMicros) {
		penalty.requireAllowed(budget, breachDay, breaches, LocalDate.now(wallClock.withZone(Penalty.DAY_ZONE)));
		long now = now();
		long longest = windows.stream().mapToLong(Window::spanMicros).max().orElse(0);
		// a time a whole span ago no longer limits anything
		times.values().removeIf(t -> t < now - longest);
		long[] latestFirst = times.values().stream().mapToLong(Long::longValue).toArray();
		Arrays.sort(latestFirst);
		long earliest = Math.max(pausedUntil, SlidingWindows.earliest(windows,
				k -> k <= latestFirst.length ? latestFirst[latestFirst.length - k] : SlidingWindows.NEVER, now));
		if (now < earliest) {
			return Answer.waitFor(earliest - now);
		}
		sent++;
		times.put(sent, now + Math.max(0, flightMicros));
		return Answer.admitted(sent);
	}

	@Override
	public synchronized void answered(long number) {
		times.computeIfPresent(number, (n, t) -> Math.min(t, now()));
	}

	@Override
	public synchronized void breach(Penalty penalty) {
		LocalDate today = LocalDate.now(wallClock.withZone(Penalty.DAY_ZONE));
		if (!today.equals(breachDay)) {
			breachDay = today;
			breaches = 0;
		}
		breaches++;
		pausedUntil = Math.max(pausedUntil, now() + penalty.pause().toNanos() / 1000);
	}

}
