package io.marketbatch.scheduling;

import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/** The one-shot Quartz job that restarts a FAILED scheduled run after its backoff. */
public class RelaunchFailedRun extends QuartzJobBean {

	private final ScheduledRuns runs;

	public RelaunchFailedRun(ScheduledRuns runs) {
		this.runs = runs;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		runs.relaunch(context.getMergedJobDataMap().getLong(RelaunchPolicy.EXECUTION_ID),
				context.getMergedJobDataMap().getInt(RelaunchPolicy.ATTEMPT));
	}

}
