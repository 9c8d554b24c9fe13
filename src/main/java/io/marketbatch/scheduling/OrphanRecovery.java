package io.marketbatch.scheduling;

import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.NodeRegistry;

import java.util.Optional;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;

/**
 * Executions left running by a node that died (kill -9, power loss, a lost container):
 * its heartbeat in {@code batch_node} has stopped, by the database's clock. Each is
 * recovered to FAILED and resumed from its last checkpoint; one that can no longer be
 * resumed (a snapshot of a past minute) is recovered and marked missed. An execution a
 * live node runs is never touched. Runs at start (resuming in the catch-up thread) and
 * every minute in the cluster ({@link OrphanSweep}, one node at a time; the resume then
 * goes through a one-shot trigger).
 */
public class OrphanRecovery {

	private static final Logger log = LoggerFactory.getLogger(OrphanRecovery.class);

	private final ExecutionControl control;

	private final RelaunchPolicy relaunches;

	public OrphanRecovery(ExecutionControl control, RelaunchPolicy relaunches) {
		this.control = control;
		this.relaunches = relaunches;
	}

	/** At start: recovers and resumes each orphan here, one at a time. */
	void recoverAndResume(BooleanSupplier closing) {
		for (JobExecution execution : control.runningExecutions()) {
			if (closing.getAsBoolean()) {
				return;
			}
			recover(execution).ifPresent(recovered -> {
				String job = recovered.getJobInstance().getJobName();
				if (ScheduledRuns.longRunning(job)) {
					// a live capture runs for the session: resumed on a thread of its own
					Thread thread = new Thread(() -> resume(job, recovered), job);
					thread.setDaemon(true);
					thread.start();
					return;
				}
				resume(job, recovered);
			});
		}
	}

	private void resume(String job, JobExecution recovered) {
		try {
			JobExecution resumed = control.restart(recovered.getId());
			log.info("{} execution {} resumed as {}: {}", job, recovered.getId(), resumed.getId(), resumed.getStatus());
		}
		catch (Exception e) {
			log.error("{} execution {} could not be resumed: {}", job, recovered.getId(), e.getMessage());
		}
	}

	/**
	 * The periodic sweep: recovers each orphan and plans its resume at once.
	 * @return how many orphans were recovered
	 */
	public int sweep() {
		int recovered = 0;
		for (JobExecution execution : control.runningExecutions()) {
			Optional<JobExecution> failed = recover(execution);
			if (failed.isPresent()) {
				relaunches.resumeNow(failed.get().getId());
				recovered++;
			}
		}
		return recovered;
	}

	/**
	 * Recovers an execution whose owner is dead to FAILED, ready to resume; empty when
	 * its owner lives, it can no longer be resumed (then marked missed), or another node
	 * recovered it first.
	 */
	private Optional<JobExecution> recover(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		try {
			NodeRegistry.Liveness owner = control.ownerLiveness(execution);
			if (!owner.dead()) {
				log.debug("{} execution {} is {} and not recovered: {}", job, execution.getId(), execution.getStatus(),
						owner.reason());
				return Optional.empty();
			}
			Optional<String> tooLate = control.whyNotResumable(execution);
			if (tooLate.isPresent()) {
				// recovered to FAILED, not resumed: a snapshot of a past minute stays
				// missed
				control.markMissed(execution, tooLate.get());
				return Optional.empty();
			}
			log.warn("{} execution {} was left {} ({}); recovering and resuming it", job, execution.getId(),
					execution.getStatus(), owner.reason());
			return control.recover(execution);
		}
		catch (RuntimeException e) {
			log.warn("{} execution {} not recovered now: {}", job, execution.getId(), e.getMessage());
			return Optional.empty();
		}
	}

}
