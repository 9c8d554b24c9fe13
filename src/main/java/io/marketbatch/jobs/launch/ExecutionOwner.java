package io.marketbatch.jobs.launch;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Records which node runs an execution (node id, host and pid in its execution context,
 * saved at once), so an execution left STARTED by a dead process can be told from one a
 * live node runs; the host and pid are for people, the node id decides.
 */
public class ExecutionOwner implements JobExecutionListener {

	static final String NODE = "owner.node";

	static final String HOST = "owner.host";

	static final String PID = "owner.pid";

	private final JobRepository repository;

	private final NodeRegistry node;

	public ExecutionOwner(JobRepository repository, NodeRegistry node) {
		this.repository = repository;
		this.node = node;
	}

	@Override
	public void beforeJob(JobExecution jobExecution) {
		ExecutionContext context = jobExecution.getExecutionContext();
		context.putString(NODE, node.nodeId());
		context.putString(HOST, node.host());
		context.putLong(PID, node.pid());
		repository.updateExecutionContext(jobExecution);
	}

	/**
	 * Whether the owner of a running (STARTED, STOPPING) execution is certainly gone: by
	 * its node id and that node's heartbeat, never by the recorded pid (a pid is reused).
	 */
	public NodeRegistry.Liveness liveness(JobExecution execution) {
		ExecutionContext context = execution.getExecutionContext();
		return node.liveness(context.containsKey(NODE) ? context.getString(NODE) : null);
	}

}
