package io.marketbatch.scheduling;

import java.time.Instant;

import org.quartz.CronTrigger;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * The Quartz job behind each cron trigger: hands the scheduled fire time to
 * {@link ScheduledRuns}.
 */
@DisallowConcurrentExecution
public class ScheduledLaunch extends QuartzJobBean {

	static final String JOB_NAME = "batchJob";

	private final ScheduledRuns runs;

	public ScheduledLaunch(ScheduledRuns runs) {
		this.runs = runs;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		// the scheduled (not actual) fire time: a late or duplicate fire derives the same
		// business key; a misfired fire-once trigger fires "now", so its key comes from
		// the cron time it missed
		Instant scheduled = context.getScheduledFireTime().toInstant();
		Instant fireTime = (context.getTrigger() instanceof CronTrigger cron)
				? FireTimes.latest(cron.getCronExpression(), cron.getTimeZone(), scheduled).orElse(scheduled)
				: scheduled;
		runs.fire(context.getMergedJobDataMap().getString(JOB_NAME), fireTime);
	}

}
