package io.marketbatch.admin.api;

/** The job, execution or symbol an API call names does not exist: 404. */
class NotFoundException extends RuntimeException {

	NotFoundException(String message) {
		super(message);
	}

}
