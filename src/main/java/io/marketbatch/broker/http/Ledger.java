package io.marketbatch.broker.http;

import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.util.List;

/**
 * Where one budget's recent requests and penalties are kept: in this process, or in the
 * database every process shares. Each admitted request has a number and a time, an upper
 * bound of when the broker saw it ({@link SlidingWindows}): a request admitted in flight
 * counts from the end of its flight allowance until {@link #answered} brings it back to
 * the time its answer came, so the rule holds for the times the broker saw the requests,
 * however late one left or was read (a new connection, a paused thread, a busy broker).
 */
interface Ledger {

	/** The answer to a request for a slot: admitted with a number, or wait. */
	record Answer(long waitMicros, long number) {

		static Answer admitted(long number) {
			return new Answer(0, number);
		}

		static Answer waitFor(long micros) {
			return new Answer(Math.max(1, micros), 0);
		}

		boolean isAdmitted() {
			return waitMicros == 0;
		}

	}

	/**
	 * Admits one request now, or answers how long to wait before asking again.
	 * @param flightMicros 0: the request counts from now; else it counts as in flight
	 * (later than now) until {@link #answered}, for at most this long
	 * @throws io.marketbatch.broker.BrokerUnavailableException when the account has spent
	 * the breaches it may have today
	 */
	Answer tryAcquire(List<Window> windows, Penalty penalty, long flightMicros);

	/** Request {@code number}'s answer has just come: the broker saw it by now. */
	void answered(long number);

	/** The broker refused a request for the rate (HTTP 429): back off. */
	void breach(Penalty penalty);

}
