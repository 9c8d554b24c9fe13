package io.marketbatch.jobs;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Records which process runs an execution (host and pid in its execution context, saved at once),
 * so an execution left STARTED by a dead process can be told from one a live process still runs.
 */
public class ExecutionOwner implements JobExecutionListener {

	static final String HOST = "owner.host";

	static final String PID = "owner.pid";

	private final JobRepository repository;

	public ExecutionOwner(JobRepository repository) {
		this.repository = repository;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		jobExecution.getExecutionContext().putString(HOST, thisHost());
		jobExecution.getExecutionContext().putLong(PID, ProcessHandle.current().pid());
		repository.updateExecutionContext(jobExecution);
	}

	/** Whether the owner of a STARTED execution is certainly gone: same host, process not alive. */
	public static Liveness liveness(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		if (!context.containsKey(HOST) || !context.containsKey(PID)) {
			return new Liveness(false, "its owner is not recorded");
		}
		String host = context.getString(HOST);
		long pid = context.getLong(PID);
		if (!host.equals(thisHost())) {
			return new Liveness(false, "it runs on host " + host + " (pid " + pid + "), which this process cannot check");
		}
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		if (process.isPresent() && process.get().isAlive()) {
			return new Liveness(false, "process " + pid + " on this host is still running it");
		}
		return new Liveness(true, "its process " + pid + " on this host is gone");
	}

	/** @param dead true when it is safe to recover the execution */
	public record Liveness(boolean dead, String reason) {
	}

	static String thisHost() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException e) {
			return "localhost";
		}
	}
}
