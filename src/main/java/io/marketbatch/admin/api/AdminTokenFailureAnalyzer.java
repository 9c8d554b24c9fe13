package io.marketbatch.admin.api;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A refused admin token ends the start with its reason and fix, not a stack trace.
 */
class AdminTokenFailureAnalyzer extends AbstractFailureAnalyzer<AdminToken.AdminTokenException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AdminToken.AdminTokenException cause) {
		return new FailureAnalysis("The admin API's token was refused: " + cause.getMessage(), cause.action(), cause);
	}

}
