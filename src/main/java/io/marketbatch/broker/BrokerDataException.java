package io.marketbatch.broker;

/**
 * A malformed or inconsistent answer for one instrument: that instrument is skipped and
 * recorded.
 */
public class BrokerDataException extends BrokerException {

	public BrokerDataException(String message) {
		super(message);
	}

}
