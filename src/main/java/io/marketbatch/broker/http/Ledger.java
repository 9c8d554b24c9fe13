package io.marketbatch.broker.http;

import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.util.List;

/**
 * Where one budget's recent requests and penalties are kept: in this process, or in the
 * database every process shares. Each admitted request has a number; a request's time is
 * the latest time any request up to it went, set at admission and moved on by
 * {@link #sent} when a request actually leaves later (a new connection, a paused thread),
 * so the rule holds for the times the requests left, not the times they were allowed.
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
	 * @throws io.marketbatch.broker.BrokerUnavailableException when the account has spent
	 * the breaches it may have today
	 */
	Answer tryAcquire(List<Window> windows, Penalty penalty);

	/** Request {@code number} has just left: no request up to it went before now. */
	void sent(long number);

	/** The broker refused a request for the rate (HTTP 429): back off. */
	void breach(Penalty penalty);

}
