package io.marketbatch.store;

/**
 * A universe change that cannot be made; nothing was changed. The kind says how the API
 * answers: a bad request (400), an unknown universe (404) or a name that is taken by a
 * built-in, a dynamic or an existing universe (409).
 */
public class UniverseException extends RuntimeException {

	public enum Kind {

		BAD_REQUEST, NOT_FOUND, CONFLICT

	}

	private final Kind kind;

	public UniverseException(Kind kind, String message) {
		super(message);
		this.kind = kind;
	}

	public Kind kind() {
		return kind;
	}

}
