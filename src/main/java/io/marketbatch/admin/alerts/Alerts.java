package io.marketbatch.admin.alerts;

import io.marketbatch.scheduling.RunCompleted;
import io.marketbatch.scheduling.RunGaveUp;
import io.marketbatch.scheduling.TokenProblem;
import io.marketbatch.scheduling.TokenWorks;

import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;

/**
 * Raises and resolves alerts: one per subject (a job, broker, universe or health
 * component) and cause until it clears, however often the cause repeats, then one
 * "resolved" message. Listens to the schedule's events (a run given up, a run completed,
 * the token's check); the periodic checks ({@link AlertChecks}) call it too. Nothing here
 * ever throws into a job: a failure to track or send is a warning in the log.
 */
public class Alerts {

	private static final Logger log = LoggerFactory.getLogger(Alerts.class);

	static final String RUN_FAILED = "run failed, not relaunched";

	static final String TOKEN = "broker token";

	private final OpenAlerts open;

	private final AlertDispatcher dispatcher;

	private final Secrets secrets;

	private final Supplier<String> consoleUrl;

	private final Clock clock;

	/**
	 * @param consoleUrl the console's base address, asked at each alert (the server's
	 * port is known only once it runs)
	 */
	public Alerts(OpenAlerts open, AlertDispatcher dispatcher, Secrets secrets, Supplier<String> consoleUrl,
			Clock clock) {
		this.open = open;
		this.dispatcher = dispatcher;
		this.secrets = secrets;
		this.consoleUrl = consoleUrl;
		this.clock = clock;
	}

	/** Whether any channel is set (else nothing is tracked or sent). */
	public boolean hasChannels() {
		return dispatcher.hasChannels();
	}

	@EventListener
	public void runGaveUp(RunGaveUp run) {
		raise("job", run.job(), RUN_FAILED, run.executionId(), run.reason(), run.fix(),
				"/executions/" + run.executionId());
	}

	@EventListener
	public void runCompleted(RunCompleted run) {
		resolve("job", run.job(), RUN_FAILED, run.executionId(),
				run.job() + " execution " + run.executionId() + " COMPLETED", "/executions/" + run.executionId());
	}

	@EventListener
	public void tokenProblem(TokenProblem problem) {
		raise("broker", problem.broker(), TOKEN, null, problem.reason(), problem.fix(), "/health");
	}

	@EventListener
	public void tokenWorks(TokenWorks works) {
		resolve("broker", works.broker(), TOKEN, null, "the " + works.broker() + " token works again", "/health");
	}

	private String link(String path) {
		String base = consoleUrl.get();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path;
	}

	/** Sends the alert unless one for the same subject and cause is open. */
	public void raise(String about, String name, String cause, @Nullable Long executionId, String reason, String fix,
			String path) {
		if (!dispatcher.hasChannels()) {
			return;
		}
		try {
			Alert alert = new Alert(Alert.State.FIRING, about, name, cause, executionId, secrets.redact(reason),
					secrets.redact(fix), link(path), clock.instant());
			if (open.open(alert)) {
				log.warn("alert: {}", alert.title());
				dispatcher.dispatch(alert);
			}
			else {
				log.debug("already alerted, not sent again: {}", alert.title());
			}
		}
		catch (RuntimeException e) {
			log.warn("alert for {} {} ({}) not raised: {}", about, name, cause, e.getMessage());
		}
	}

	/** Sends "resolved" if an alert for the subject and cause is open. */
	public void resolve(String about, String name, String cause, @Nullable Long executionId, String what, String path) {
		if (!dispatcher.hasChannels()) {
			return;
		}
		try {
			Optional<OpenAlerts.Open> closed = open.close(about + " " + name, cause);
			if (closed.isPresent()) {
				Long raisedFor = closed.get().executionId();
				Long execution = (executionId != null) ? executionId : raisedFor;
				String cleared = (raisedFor != null && !raisedFor.equals(execution))
						? what + " (the alert was about execution " + raisedFor + ")" : what;
				Alert alert = new Alert(Alert.State.RESOLVED, about, name, cause, execution, closed.get().reason(),
						secrets.redact(cleared), link(path), clock.instant());
				log.info("alert resolved: {}", alert.title());
				dispatcher.dispatch(alert);
			}
		}
		catch (RuntimeException e) {
			log.warn("alert for {} {} ({}) not resolved: {}", about, name, cause, e.getMessage());
		}
	}

}
