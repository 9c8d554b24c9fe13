package io.marketbatch.admin.alerts;

/** One way an alert reaches people. */
public interface AlertChannel {

	/** Its name in the log: webhook, slack, telegram, email. */
	String name();

	/** Sends one message, failing with an exception the dispatcher logs. */
	void send(Alert alert) throws Exception;

}
