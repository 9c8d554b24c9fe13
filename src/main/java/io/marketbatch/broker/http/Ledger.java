package io.marketbatch.broker.http;

import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.util.List;

/**
 * Where one budget's recent requests and penalties are kept: in this process, or in the
 * database every process shares.
 */
interface Ledger {

	/**
	 * Admits one request now and answers 0, or answers how many microseconds to wait
	 * before asking again.
	 * @throws io.marketbatch.broker.BrokerUnavailableException when the account has spent
	 * the breaches it may have today
	 */
	long tryAcquire(List<Window> windows, Penalty penalty);

	/** The broker refused a request for the rate (HTTP 429): back off. */
	void breach(Penalty penalty);

}
