package io.marketbatch.broker.http;

import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A budget kept in this process (H2: one process per database): the send times of the
 * last N requests in a ring, on the monotonic clock.
 */
final class LocalLedger implements Ledger {

	private final String budget;

	private final long[] ring;

	private final Clock wallClock;

	/** Requests admitted so far; number s is in ring[s % length]. */
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
	public synchronized long tryAcquire(List<Window> windows, Penalty penalty) {
		penalty.requireAllowed(budget, breachDay, breaches, LocalDate.now(wallClock.withZone(Penalty.DAY_ZONE)));
		long now = now();
		long earliest = Math.max(pausedUntil, SlidingWindows.earliest(windows,
				k -> k <= sent && k <= ring.length ? ring[(int) ((sent - k) % ring.length)] : SlidingWindows.NEVER));
		if (now < earliest) {
			return earliest - now;
		}
		ring[(int) (sent % ring.length)] = now;
		sent++;
		return 0;
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
