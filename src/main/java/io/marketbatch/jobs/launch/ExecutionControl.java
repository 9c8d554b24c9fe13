package io.marketbatch.jobs.launch;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * What an operator (or the service itself) does to executions that exist: restart a
 * FAILED or STOPPED one from its last checkpoint, recover one a dead process left
 * running, stop one at its next chunk boundary, abandon one for good.
 */
public class ExecutionControl {

	private static final Logger log = LoggerFactory.getLogger(ExecutionControl.class);

	/** Counter of runs given up because they can no longer be resumed. */
	public static final String MISSED = "marketbatch.runs.missed";

	private final JobRepository repository;

	private final JobOperator operator;

	private final JobOperator asyncOperator;

	private final ExecutionTracker tracker;

	private final List<JobSpec> specs;

	private final Clock clock;

	public ExecutionControl(JobRepository repository, JobOperator operator, JobOperator asyncOperator,
			ExecutionTracker tracker, List<JobSpec> specs, Clock clock) {
		this.repository = repository;
		this.operator = operator;
		this.asyncOperator = asyncOperator;
		this.tracker = tracker;
		this.specs = List.copyOf(specs);
		this.clock = clock;
	}

	public JobRepository repository() {
		return repository;
	}

	/** An execution by id; an unknown id is a bad request. */
	public JobExecution execution(long executionId) {
		JobExecution execution;
		try {
			execution = repository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException e) {
			execution = null;
		}
		if (execution == null) {
			throw new BadJobRequestException("no job execution with id " + executionId);
		}
		return execution;
	}

	/**
	 * Executions the job repository shows as running (STARTING, STARTED, STOPPING),
	 * oldest first.
	 */
	public List<JobExecution> runningExecutions() {
		List<JobExecution> found = new ArrayList<>();
		for (JobSpec spec : specs) {
			found.addAll(repository.findRunningJobExecutions(spec.name()));
		}
		found.sort((a, b) -> Long.compare(a.getId(), b.getId()));
		return found;
	}

	/**
	 * Whether the node that owns a running execution is gone, so it is safe to recover.
	 */
	public NodeRegistry.Liveness ownerLiveness(JobExecution execution) {
		return tracker.owner().liveness(execution);
	}

	/**
	 * Why the execution's instance can no longer be resumed now (a price snapshot past
	 * its minute), if it cannot.
	 */
	public Optional<String> whyNotResumable(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		return specs.stream()
			.filter(spec -> spec.name().equals(job))
			.findFirst()
			.flatMap(spec -> spec.whyNotResumable(execution.getJobParameters(), clock.instant()));
	}

	/**
	 * Gives up an execution that can no longer be resumed: one left running by a dead
	 * process is recovered to FAILED, and its exit description says it was missed and
	 * why; counted in {@code marketbatch.runs.missed}.
	 */
	public JobExecution markMissed(JobExecution execution, String reason) {
		JobExecution missed = execution.isRunning() ? operator.recover(execution) : execution;
		ExitStatus exit = missed.getExitStatus();
		String note = "missed: " + reason;
		String description = exit.getExitDescription();
		if (description == null || !description.contains(note)) {
			// first, so that status (which shows one line of it) shows the miss
			missed.setExitStatus(new ExitStatus(exit.getExitCode(),
					(description == null || description.isBlank()) ? note : note + " — " + description));
			repository.update(missed);
			Metrics.counter(MISSED, "job", missed.getJobInstance().getJobName()).increment();
		}
		log.warn("{} execution {} missed: {}", missed.getJobInstance().getJobName(), missed.getId(), reason);
		return missed;
	}

	/**
	 * Marks an execution a dead process left running FAILED, so it can be restarted;
	 * empty when another node recovered or changed it first.
	 */
	public Optional<JobExecution> recover(JobExecution execution) {
		try {
			return Optional.of(operator.recover(execution));
		}
		catch (OptimisticLockingFailureException e) {
			log.info("{} execution {} was changed by another node meanwhile; leaving it to that node",
					execution.getJobInstance().getJobName(), execution.getId());
			return Optional.empty();
		}
	}

	/** Whether this process is running any execution now. */
	public boolean isRunningAny() {
		return !tracker.running().isEmpty();
	}

	/**
	 * Asks every execution this process runs to stop at its next chunk boundary; they end
	 * STOPPED and restartable. Works on the in-memory executions, so no version race with
	 * the running steps (JobOperator.stop updates the step rows behind their back,
	 * spring-batch #5120, #5484).
	 * @return the executions asked to stop
	 */
	public List<JobExecution> stopRunning() {
		List<JobExecution> stopping = new ArrayList<>(tracker.running());
		for (JobExecution execution : stopping) {
			log.info("stopping {} execution {} at the next chunk boundary", execution.getJobInstance().getJobName(),
					execution.getId());
			terminate(execution);
		}
		return stopping;
	}

	/**
	 * Asks a running execution to stop at its next chunk boundary: directly when this
	 * process runs it, else through the job repository (the owning node's steps see
	 * STOPPING at their next chunk).
	 */
	public JobExecution stop(long executionId) throws Exception {
		var local = tracker.running(executionId);
		if (local.isPresent()) {
			terminate(local.get());
			return local.get();
		}
		JobExecution execution = execution(executionId);
		if (!execution.isRunning()) {
			throw new BadJobRequestException("execution " + executionId + " is " + execution.getStatus()
					+ "; only a running execution can be stopped");
		}
		operator.stop(execution);
		return execution(executionId);
	}

	private static void terminate(JobExecution execution) {
		execution.setStatus(BatchStatus.STOPPING);
		execution.getStepExecutions()
			.stream()
			.filter(s -> s.getStatus().isRunning())
			.forEach(StepExecution::setTerminateOnly);
	}

	/** Marks a FAILED or STOPPED execution ABANDONED: it will never be restarted. */
	public JobExecution abandon(long executionId) throws Exception {
		JobExecution execution = execution(executionId);
		requireLatest(execution);
		if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
			throw new BadJobRequestException("execution " + executionId + " is " + execution.getStatus()
					+ "; only a FAILED or STOPPED execution can be abandoned");
		}
		return operator.abandon(execution);
	}

	/**
	 * Resumes a FAILED or STOPPED execution, or a STARTED one whose process is gone, from
	 * its last checkpoint.
	 */
	public JobExecution restart(long executionId) throws Exception {
		return restart(executionId, operator);
	}

	/** {@link #restart(long)} in the background. */
	public JobExecution restartAsync(long executionId) throws Exception {
		return restart(executionId, asyncOperator);
	}

	private JobExecution restart(long executionId, JobOperator operator) throws Exception {
		JobExecution execution = execution(executionId);
		if (execution.isRunning()) {
			NodeRegistry.Liveness liveness = ownerLiveness(execution);
			if (!liveness.dead()) {
				throw new BadJobRequestException("execution " + executionId + " is " + execution.getStatus()
						+ " and cannot be restarted: " + liveness.reason());
			}
			log.warn("execution {} was left {} ({}); recovering it before the restart", executionId,
					execution.getStatus(), liveness.reason());
			Optional<String> tooLate = whyNotResumable(execution);
			if (tooLate.isPresent()) {
				markMissed(execution, tooLate.get());
				throw notResumable(executionId, tooLate.get());
			}
			execution = operator.recover(execution);
		}
		requireLatest(execution);
		if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
			throw new BadJobRequestException("execution " + executionId + " is " + execution.getStatus()
					+ "; only FAILED or STOPPED executions can be restarted");
		}
		Optional<String> tooLate = whyNotResumable(execution);
		if (tooLate.isPresent()) {
			throw notResumable(executionId, tooLate.get());
		}
		try {
			return operator.restart(execution);
		}
		catch (JobRestartException e) {
			if (JobLaunches.isLaunchRace(e)) {
				throw new BadJobRequestException("execution " + executionId
						+ " was restarted by another launcher at the same time: " + e.getCause().getMessage());
			}
			throw e;
		}
	}

	private static BadJobRequestException notResumable(long executionId, String reason) {
		return new BadJobRequestException("execution " + executionId + " cannot be restarted: " + reason);
	}

	/** Restart and abandon act on an instance's newest execution only. */
	private void requireLatest(JobExecution execution) {
		JobExecution latest = repository.getLastJobExecution(execution.getJobInstance());
		if (latest != null && latest.getId() != execution.getId()) {
			throw new BadJobRequestException("execution " + execution.getId() + " was already followed by execution "
					+ latest.getId() + " of the same instance, which is " + latest.getStatus()
					+ (latest.getStatus() == BatchStatus.COMPLETED ? "; nothing to resume"
							: "; use " + latest.getId() + " instead"));
		}
	}

}
