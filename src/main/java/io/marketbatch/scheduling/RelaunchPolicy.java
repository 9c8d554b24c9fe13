package io.marketbatch.scheduling;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.jobs.launch.ExecutionControl;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;

import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;

/**
 * When a FAILED scheduled run is tried again: after each of the configured delays, as a
 * restart of the same instance, through a one-shot Quartz trigger (so the plan survives a
 * restart of the service and runs on one node of a cluster), unless waiting cannot heal
 * it (a rejected token needs a person) or the run can no longer be resumed (a price
 * snapshot past its minute: missed). The execution's exit description says when nothing
 * more is planned.
 */
public class RelaunchPolicy implements ApplicationEventPublisherAware {

	private static final Logger log = LoggerFactory.getLogger(RelaunchPolicy.class);

	static final String EXECUTION_ID = "executionId";

	static final String ATTEMPT = "attempt";

	private final List<Duration> delays;

	private final ObjectProvider<Scheduler> scheduler;

	private final JobRepository repository;

	private final ExecutionControl control;

	/** Tells the rest of the service (alerts) when a run is given up or completes. */
	private ApplicationEventPublisher events = event -> {
	};

	public RelaunchPolicy(List<Duration> delays, ObjectProvider<Scheduler> scheduler, JobRepository repository,
			ExecutionControl control) {
		this.delays = List.copyOf(delays);
		this.scheduler = scheduler;
		this.repository = repository;
		this.control = control;
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	public int maxAttempts() {
		return delays.size();
	}

	/**
	 * Why waiting cannot heal a FAILED execution, if it cannot: a rejected token needs a
	 * person.
	 */
	public static Optional<String> whyNotRelaunch(JobExecution execution) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable t = failure; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
				if (t instanceof BrokerAuthException) {
					return Optional.of("the broker rejected the token; renew it, then restart " + execution.getId());
				}
			}
		}
		return Optional.empty();
	}

	/**
	 * After a scheduled run ended: plans the next relaunch of a FAILED one, or notes on
	 * it why there will be none.
	 * @param attemptsSoFar relaunches already made of this instance
	 */
	public void afterRun(JobExecution execution, int attemptsSoFar) {
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			events.publishEvent(new RunCompleted(execution.getJobInstance().getJobName(), execution.getId()));
		}
		if (execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		String job = execution.getJobInstance().getJobName();
		Optional<String> notHealable = whyNotRelaunch(execution);
		if (notHealable.isPresent()) {
			note(execution, "not relaunched: " + notHealable.get());
			log.error("{} execution {} FAILED and is not relaunched: {}", job, execution.getId(), notHealable.get());
			events.publishEvent(RunGaveUp.of(execution, notHealable.get()));
			return;
		}
		Optional<String> tooLate = control.whyNotResumable(execution);
		if (tooLate.isPresent()) {
			// a snapshot of a past minute: a relaunch would stamp a later price with it
			missed(execution, tooLate.get());
			return;
		}
		if (attemptsSoFar >= delays.size()) {
			note(execution, "not relaunched: all " + delays.size() + " relaunches failed; restart " + execution.getId()
					+ " when the cause is fixed");
			log.error("{} execution {} FAILED after {} relaunches; giving up", job, execution.getId(), attemptsSoFar);
			events.publishEvent(RunGaveUp.of(execution, "all " + delays.size() + " relaunches failed; restart "
					+ execution.getId() + " when the cause is fixed"));
			return;
		}
		Duration delay = delays.get(attemptsSoFar);
		plan(execution.getId(), attemptsSoFar + 1, delay);
		log.warn("{} execution {} FAILED; relaunch {} of {} in {}", job, execution.getId(), attemptsSoFar + 1,
				delays.size(), delay);
	}

	/**
	 * Resumes a recovered orphan at once, on whichever node takes the one-shot trigger
	 * (the sweep itself does not wait for the run); its own failures then get the usual
	 * relaunches.
	 */
	public void resumeNow(long executionId) {
		plan("resume-" + executionId, executionId, 0, Duration.ZERO);
	}

	/**
	 * Gives up a FAILED run that can no longer be resumed (marked missed), and says so.
	 */
	public void missed(JobExecution execution, String reason) {
		JobExecution missed = control.markMissed(execution, reason);
		events.publishEvent(RunGaveUp.of(missed, "missed: " + reason));
	}

	private void plan(long executionId, int attempt, Duration delay) {
		plan("relaunch-" + executionId + "-" + attempt, executionId, attempt, delay);
	}

	private void plan(String name, long executionId, int attempt, Duration delay) {
		Scheduler quartz = scheduler.getIfAvailable();
		if (quartz == null) {
			log.warn("no scheduler: execution {} will not be relaunched automatically", executionId);
			return;
		}
		JobDetail detail = JobBuilder.newJob(RelaunchFailedRun.class)
			.withIdentity(name, SchedulingConfiguration.GROUP)
			.usingJobData(EXECUTION_ID, executionId)
			.usingJobData(ATTEMPT, attempt)
			.build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(name, SchedulingConfiguration.GROUP)
			.startAt(Date.from(Instant.now().plus(delay)))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
		try {
			quartz.scheduleJob(detail, trigger);
		}
		catch (ObjectAlreadyExistsException e) {
			log.info("{} of execution {} is planned already", name, executionId);
		}
		catch (SchedulerException e) {
			log.error("cannot plan {} of execution {}: {}", name, executionId, e.getMessage());
		}
	}

	private void note(JobExecution execution, String note) {
		ExitStatus exit = execution.getExitStatus();
		String description = (exit.getExitDescription() == null || exit.getExitDescription().isBlank()) ? note
				: exit.getExitDescription() + " — " + note;
		execution.setExitStatus(new ExitStatus(exit.getExitCode(), description));
		repository.update(execution);
	}

}
