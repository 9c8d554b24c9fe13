package io.marketbatch.broker;

/**
 * Transient: timeouts, 429, 5xx, outages. Retried with backoff, a bounded number of
 * times.
 */
public class BrokerUnavailableException extends BrokerException {

	public BrokerUnavailableException(String message) {
		super(message);
	}

	public BrokerUnavailableException(String message, Throwable cause) {
		super(message, cause);
	}

}
