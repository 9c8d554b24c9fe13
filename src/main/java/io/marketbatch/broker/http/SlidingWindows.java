package io.marketbatch.broker.http;

import io.marketbatch.broker.http.RateLimit.Window;

import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * The window rule every request budget applies: a request may go once, for every window
 * "N per W", the N-th most recent request went at least W plus a guard ago. Then any
 * stretch of W plus the guard holds at most N requests, whatever the callers do, and a
 * caller that keeps asking sends N per (W + guard): the limit less the guard, bursts
 * included. Times are microseconds on one clock.
 */
final class SlidingWindows {

	/** No such request: fewer have been sent. */
	static final long NEVER = Long.MIN_VALUE;

	private SlidingWindows() {
	}

	/** How many past requests the rule looks at: the largest N. */
	static int depth(List<Window> windows) {
		return windows.stream().mapToInt(Window::requests).max().orElse(1);
	}

	/**
	 * The first time the next request may go.
	 * @param sentAt k to when the k-th most recent request went (1 = the last one), or
	 * {@link #NEVER}
	 */
	static long earliest(List<Window> windows, IntToLongFunction sentAt) {
		long earliest = NEVER;
		for (Window w : windows) {
			long nth = sentAt.applyAsLong(w.requests());
			if (nth != NEVER) {
				earliest = Math.max(earliest, nth + w.spanMicros());
			}
		}
		return earliest;
	}

}
