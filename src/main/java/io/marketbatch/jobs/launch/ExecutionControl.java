package io.marketbatch.jobs.launch;

import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * What an operator (or the service itself) does to executions that exist: restart a
 * FAILED or STOPPED one from its last checkpoint, recover one a dead process left
 * running, stop one at its next chunk boundary, abandon one for good.
 */
public class ExecutionControl {

	private static final Logger log = LoggerFactory.getLogger(ExecutionControl.class);

	private final JobRepository repository;

	private final JobOperator operator;

	private final JobOperator asyncOperator;

	private final ExecutionTracker tracker;

	private final List<String> jobNames;

	public ExecutionControl(JobRepository repository, JobOperator operator, JobOperator asyncOperator,
			ExecutionTracker tracker, List<String> jobNames) {
		this.repository = repository;
		this.operator = operator;
		this.asyncOperator = asyncOperator;
		this.tracker = tracker;
		this.jobNames = List.copyOf(jobNames);
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
		for (String name : jobNames) {
			found.addAll(repository.findRunningJobExecutions(name));
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
			execution = operator.recover(execution);
		}
		requireLatest(execution);
		if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
			throw new BadJobRequestException("execution " + executionId + " is " + execution.getStatus()
					+ "; only FAILED or STOPPED executions can be restarted");
		}
		return operator.restart(execution);
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
