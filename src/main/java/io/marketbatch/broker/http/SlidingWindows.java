package io.marketbatch.broker.http;

import io.marketbatch.broker.http.RateLimit.Window;

import java.util.List;
import java.util.function.IntToLongFunction;

/**
 * The window rule every request budget applies: a request may go once, for every window
 * "N per W", the N-th latest time among the account's requests is at least W plus a guard
 * ago. A request's time is an upper bound of when the broker saw it: the time its answer
 * came back (a request still waiting for its answer counts as later than now). A new
 * request reaches the broker after it is admitted, so any two requests N apart in arrival
 * are at least W plus the guard apart at the broker, whatever the callers, their clocks
 * and the network do: no window of length W ever holds more than N. A caller that keeps
 * asking sends N per (W + guard + the time to an answer). Times are microseconds on one
 * clock.
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
	 * The first time the next request may go, for requests all answered by now.
	 * @param latest k to the k-th latest request time (1 = the latest), or {@link #NEVER}
	 */
	static long earliest(List<Window> windows, IntToLongFunction latest) {
		return earliest(windows, latest, Long.MAX_VALUE);
	}

	/**
	 * The first time the next request may go: a request not answered yet (its time after
	 * {@code now}) holds its place at least a full span from now.
	 */
	static long earliest(List<Window> windows, IntToLongFunction latest, long now) {
		long earliest = NEVER;
		for (Window w : windows) {
			long nth = latest.applyAsLong(w.requests());
			if (nth != NEVER) {
				earliest = Math.max(earliest, Math.min(nth, now) + w.spanMicros());
			}
		}
		return earliest;
	}

}
