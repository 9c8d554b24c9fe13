package io.marketbatch.admin.alerts;

import io.marketbatch.admin.ExchangeTime;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One message about one subject and cause: raised, or resolved.
 *
 * @param state FIRING when raised, RESOLVED when it cleared
 * @param about what the subject is: job, broker, universe or health (a component)
 * @param name the job's, broker's, universe's or component's name
 * @param cause what went wrong, short and stable (one alert per subject and cause)
 * @param executionId the execution concerned, if any
 * @param reason what happened
 * @param fix what a person does about it (on a resolved one: what cleared it)
 * @param link the console's view of it
 * @param at when
 */
public record Alert(State state, String about, String name, String cause, @Nullable Long executionId, String reason,
		String fix, String link, Instant at) {

	public enum State {

		FIRING, RESOLVED

	}

	/** The key that makes an alert one: who and why. */
	public String subject() {
		return about + " " + name;
	}

	/** One line: what a phone's notification shows. */
	public String title() {
		String execution = (executionId == null) ? "" : " (execution " + executionId + ")";
		return (state == State.FIRING ? "ALERT" : "RESOLVED") + " market-batch: " + subject() + " — " + cause
				+ execution;
	}

	/** The whole message, plain text. */
	public String text() {
		StringBuilder text = new StringBuilder(title()).append('\n');
		if (state == State.FIRING) {
			text.append("Reason: ").append(reason).append('\n').append("Fix: ").append(fix).append('\n');
		}
		else {
			text.append(fix).append('\n');
		}
		return text.append("View: ").append(link).toString();
	}

	/** The fields of the generic webhook's JSON. */
	public Map<String, Object> fields() {
		Map<String, Object> fields = new LinkedHashMap<>();
		fields.put("state", state.name());
		fields.put("about", about);
		fields.put(about, name);
		fields.put("cause", cause);
		if (executionId != null) {
			fields.put("executionId", executionId);
		}
		fields.put("reason", reason);
		fields.put("fix", fix);
		fields.put("link", link);
		fields.put("at", String.valueOf(ExchangeTime.of(at)));
		fields.put("text", text());
		return fields;
	}

}
