package io.marketbatch.scheduling;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job that looks for orphaned executions every minute; clustered, so one node
 * at a time.
 */
@DisallowConcurrentExecution
public class OrphanSweep extends QuartzJobBean {

	static final String NAME = "orphanSweep";

	/** Its own group: the jobs' group lists one trigger per job. */
	static final String GROUP = "market-batch-sweep";

	private final OrphanRecovery recovery;

	public OrphanSweep(OrphanRecovery recovery) {
		this.recovery = recovery;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		recovery.sweep();
	}

}
