package io.marketbatch.broker.http;

import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A budget kept in this process (H2: one process per database): the times of the last N
 * requests in a ring, on the monotonic clock.
 */
final class LocalLedger implements Ledger {

	private final String budget;

	private final long[] ring;

	private final Clock wallClock;

	/** Requests admitted so far; number s (from 1) is in ring[s % length]. */
	private long sent;

	private long pausedUntil = SlidingWindows.NEVER;

	private @Nullable LocalDate breachDay;

	private int breaches;

	LocalLedger(String budget, int depth, Clock wallClock) {
		this.budget = budget;
		this.ring = new long[Math.max(1, depth)];
		this.wallClock = wallClock;
	}

	private static long now() {
		return System.nanoTime() / 1000;
	}

	@Override
	public synchronized Answer tryAcquire(List<Window> windows, Penalty penalty) {
		penalty.requireAllowed(budget, breachDay, breaches, LocalDate.now(wallClock.withZone(Penalty.DAY_ZONE)));
		long now = now();
		long earliest = Math.max(pausedUntil, SlidingWindows.earliest(windows, k -> k <= sent && k <= ring.length
				? ring[(int) ((sent - k + 1) % ring.length)] : SlidingWindows.NEVER));
		if (now < earliest) {
			return Answer.waitFor(earliest - now);
		}
		sent++;
		ring[(int) (sent % ring.length)] = now;
		return Answer.admitted(sent);
	}

	@Override
	public synchronized void sent(long number) {
		long now = now();
		for (long s = Math.max(number, sent - ring.length + 1); s <= sent; s++) {
			int i = (int) (s % ring.length);
			ring[i] = Math.max(ring[i], now);
		}
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
