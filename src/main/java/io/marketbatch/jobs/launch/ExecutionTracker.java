package io.marketbatch.jobs.launch;

import io.marketbatch.broker.BrokerException;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Attached to every job through its builder: records which node runs an execution (so a
 * crash can be told from a live run), keeps the executions this process runs (the very
 * objects the steps update, so a stop needs no version race with them), and words a
 * failure so an operator can act on it.
 */
public class ExecutionTracker implements JobExecutionListener {

	private final ExecutionOwner owner;

	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	public ExecutionTracker(ExecutionOwner owner) {
		this.owner = owner;
	}

	@Override
	public void beforeJob(JobExecution execution) {
		owner.beforeJob(execution);
		running.put(execution.getId(), execution);
	}

	@Override
	public void afterJob(JobExecution execution) {
		running.remove(execution.getId());
		describe(execution);
	}

	/** An execution this process runs now. */
	public Optional<JobExecution> running(long executionId) {
		return Optional.ofNullable(running.get(executionId));
	}

	/** The executions this process runs now. */
	public Collection<JobExecution> running() {
		return List.copyOf(running.values());
	}

	public ExecutionOwner owner() {
		return owner;
	}

	/**
	 * A STOPPED execution says how to resume it; a FAILED one names the cause an operator
	 * can act on (the broker outage, the rejected token), not only the stack trace kept
	 * in the step.
	 */
	static void describe(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.STOPPED) {
			execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(),
					"stopped at a chunk boundary; resume it with: restart " + execution.getId()));
			return;
		}
		if (execution.getStatus() != BatchStatus.FAILED || execution.getAllFailureExceptions().isEmpty()) {
			return;
		}
		Throwable cause = execution.getAllFailureExceptions().get(0);
		Throwable deepest = cause;
		while (deepest.getCause() != null && deepest.getCause() != deepest) {
			deepest = deepest.getCause();
			cause = deepest;
			if (deepest instanceof BrokerException) {
				break;
			}
		}
		String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), message));
	}

}
