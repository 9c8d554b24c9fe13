package io.marketbatch.jobs.launch;

/**
 * A launch request that names an unknown job or gives a bad parameter; nothing was
 * launched.
 */
public class BadJobRequestException extends RuntimeException {

	public BadJobRequestException(String message) {
		super(message);
	}

}
