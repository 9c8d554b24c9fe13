package io.marketbatch.scheduling;

import io.marketbatch.broker.TokenRejection;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;

import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * What the schedule does with a firing: the job's spec turns the scheduled fire time into
 * its identifying parameters (a duplicate fire meets the same JobInstance: COMPLETED is a
 * no-op, FAILED is resumed, a running one is left alone), a closed market launches
 * nothing and creates no instance, and every run's end goes to the relaunch policy and
 * the daily close.
 */
public class ScheduledRuns {

	private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);

	private final JobLaunches launches;

	private final ExecutionControl control;

	private final CalendarRepository calendars;

	private final RelaunchPolicy relaunches;

	private final MeterRegistry meters;

	private final TokenGate tokenGate;

	private final ScheduledExchanges exchanges;

	public ScheduledRuns(JobLaunches launches, ExecutionControl control, CalendarRepository calendars,
			RelaunchPolicy relaunches, MeterRegistry meters, TokenGate tokenGate) {
		this(launches, control, calendars, relaunches, meters, tokenGate, new ScheduledExchanges(null));
	}

	public ScheduledRuns(JobLaunches launches, ExecutionControl control, CalendarRepository calendars,
			RelaunchPolicy relaunches, MeterRegistry meters, TokenGate tokenGate, ScheduledExchanges exchanges) {
		this.exchanges = exchanges;
		this.tokenGate = tokenGate;
		this.launches = launches;
		this.control = control;
		this.calendars = calendars;
		this.relaunches = relaunches;
		this.meters = meters;
	}

	/** The spec of a job this service runs. */
	public JobSpec spec(String job) {
		return launches.specs()
			.stream()
			.filter(candidate -> candidate.name().equals(job))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("no schedule for job " + job));
	}

	/**
	 * A trigger of {@code job} fired for {@code fireTime}: one instance per exchange the
	 * schedule covers, each by its own calendar.
	 */
	public void fire(String job, Instant fireTime) {
		for (ScheduledExchanges.Covered covered : exchanges.covered(calendars.exchange())) {
			try {
				fire(job, fireTime, covered);
			}
			catch (IllegalArgumentException e) {
				log.error("{} not launched on {}: {}", job, covered.exchange(), e.getMessage());
			}
		}
	}

	private void fire(String job, Instant fireTime, ScheduledExchanges.Covered covered) {
		boolean configured = covered.exchange().equals(calendars.exchange()) && covered.universe() == null;
		TradingCalendar calendar = calendars.load(covered.exchange());
		JobSpec spec = spec(job);
		Firing firing = on(covered, configured, spec, spec.firing(fireTime, calendar));
		Optional<TokenRejection> rejected = firing.status().open() ? tokenGate.blocks(spec) : Optional.empty();
		meters
			.counter("marketbatch.schedule.fires", "job", job, "outcome",
					!firing.status().open() ? "market-closed" : rejected.isPresent() ? "token-rejected" : "launched")
			.increment();
		if (!firing.status().open()) {
			log.info("{} not launched for {}: market closed: {}", job,
					LocalDateTime.ofInstant(fireTime, calendar.zone()).truncatedTo(ChronoUnit.SECONDS),
					firing.status().reason());
			return;
		}
		if (rejected.isPresent()) {
			tokenGate.skipped(job, firing.parameters(), rejected.get());
			return;
		}
		launch(job, firing.parameters()).ifPresent(execution -> DailyClose.follow(execution, this));
	}

	/**
	 * The firing with the exchange (and its universe) added, for an exchange other than
	 * the configured one; the configured exchange's firing as it is.
	 */
	private static Firing on(ScheduledExchanges.Covered covered, boolean configured, JobSpec spec, Firing firing) {
		if (configured || !firing.status().open()) {
			return firing;
		}
		Map<String, String> parameters = new java.util.LinkedHashMap<>(firing.parameters());
		parameters.put(JobRequests.EXCHANGE, covered.exchange());
		if (covered.universe() != null && spec.takesSelection()) {
			parameters.put(JobRequests.UNIVERSE, covered.universe());
		}
		return Firing.launch(parameters);
	}

	/**
	 * Launches with the given business parameters; a FAILED end plans its first relaunch.
	 * @return the execution, or empty when the request was refused or could not start
	 */
	public Optional<JobExecution> launch(String job, Map<String, String> params) {
		try {
			JobParameters parameters = launches.prepare(job, params, false);
			JobExecution execution = launches.launch(job, parameters).execution();
			relaunches.afterRun(execution, 0);
			tokenGate.ended(execution);
			return Optional.of(execution);
		}
		catch (BadJobRequestException e) {
			log.error("{} not launched: {}", job, e.getMessage());
		}
		catch (Exception e) {
			log.error("{} failed to launch: {}", job, e.getMessage(), e);
		}
		return Optional.empty();
	}

	/**
	 * A planned relaunch: restart the instance unless it has completed or runs meanwhile.
	 */
	public void relaunch(long executionId, int attempt) {
		JobExecution failed = control.execution(executionId);
		JobExecution latest = control.repository().getLastJobExecution(failed.getJobInstance());
		String job = failed.getJobInstance().getJobName();
		if (latest == null || latest.getStatus() == BatchStatus.COMPLETED || latest.isRunning()) {
			log.info("{} relaunch {} not needed: the instance is {}", job, attempt,
					(latest == null) ? "gone" : latest.getStatus());
			return;
		}
		Optional<String> tooLate = control.whyNotResumable(latest);
		if (tooLate.isPresent()) {
			relaunches.missed(latest, tooLate.get());
			return;
		}
		log.info("relaunching {} (attempt {} of {}): restart of execution {}", job, attempt, relaunches.maxAttempts(),
				latest.getId());
		try {
			JobExecution execution = control.restart(latest.getId());
			relaunches.afterRun(execution, attempt);
			tokenGate.ended(execution);
			DailyClose.follow(execution, this);
		}
		catch (Exception e) {
			log.error("{} relaunch {} failed to start: {}", job, attempt, e.getMessage());
		}
	}

	/**
	 * The broker token was renewed: the runs that failed or were skipped for it are made
	 * now (a dailyBackfill followed by its eodAggregation).
	 */
	public void afterTokenRenewal() {
		for (TokenGate.Pending run : tokenGate.renewed()) {
			log.info("{} runs again now that the token was renewed", run.job());
			if (run.failedExecution().isPresent()) {
				relaunch(run.failedExecution().get(), 0);
			}
			else {
				launch(run.job(), run.parameters()).ifPresent(execution -> DailyClose.follow(execution, this));
			}
		}
	}

}
