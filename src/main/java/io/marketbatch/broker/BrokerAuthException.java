package io.marketbatch.broker;

/** The broker rejected the token: waiting will not help, so it is never retried. */
public class BrokerAuthException extends BrokerException {

	public BrokerAuthException(String message) {
		super(message);
	}

}
