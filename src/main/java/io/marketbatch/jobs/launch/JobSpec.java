package io.marketbatch.jobs.launch;

import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What everything outside a job needs to know of it, kept beside the job's configuration:
 * its name, parameters and their defaults, its market status, and its schedule. The
 * request parser, the validators, the scheduler, the REST API and the command line
 * iterate over the specs instead of switching on job names.
 */
public interface JobSpec {

	String name();

	/**
	 * The parameter names, in the order a user gives them; {@code universe} and
	 * {@code symbols} last where the job takes a selection of instruments.
	 */
	List<String> parameters();

	/**
	 * Adds the job's own parameters to {@code parameters}: each value checked, each
	 * default filled in from the clock and calendar, so the business key is always
	 * explicit.
	 * @throws BadJobRequestException naming the parameter and the expected form
	 */
	void resolve(RawParameters raw, Instant now, TradingCalendar calendar, JobParametersBuilder parameters);

	/**
	 * Whether the market is open for these parameters; a closed market is a clean no-op.
	 */
	MarketStatus marketStatus(JobParameters parameters, TradingCalendar calendar);

	/**
	 * The default trigger; empty for a job that only follows another (eodAggregation).
	 */
	Optional<JobSchedule> schedule();

	/**
	 * The parameters a trigger's scheduled fire time stands for, or why nothing runs
	 * then. The scheduled (not actual) time: a late or duplicate fire derives the same
	 * business key.
	 */
	default Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		throw new IllegalStateException(name() + " has no schedule of its own");
	}

	/**
	 * Whether a run asks the broker: while the broker rejects the token, scheduled runs
	 * of such jobs are skipped.
	 */
	default boolean needsBroker() {
		return true;
	}

	/**
	 * Why an instance with these parameters can no longer be resumed at {@code now}
	 * (restarted, relaunched, recovered and resumed); empty when it can. A price snapshot
	 * is only true during its minute: later, a resumed run would stamp a later price with
	 * that minute.
	 */
	default Optional<String> whyNotResumable(JobParameters parameters, Instant now) {
		return Optional.empty();
	}

	/** Whether the job takes {@code universe=} or {@code symbols=}. */
	default boolean takesSelection() {
		return parameters().contains(JobRequests.UNIVERSE);
	}

}
