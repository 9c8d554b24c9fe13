package io.marketbatch.scheduling;

import java.util.List;
import java.util.Objects;

import org.quartz.CronTrigger;
import org.quartz.JobDetail;
import org.quartz.ObjectAlreadyExistsException;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings the stored triggers to the configured ones at start, before the scheduler runs,
 * without rebuilding them: a stored trigger whose schedule is unchanged keeps its next
 * fire time (so a fire missed while the service was down misfires and runs once) and its
 * pause; a changed cron is applied, keeping the pause; a new trigger is added. Nodes
 * starting together may race: the trigger one of them added stands.
 */
final class TriggerSync {

	private static final Logger log = LoggerFactory.getLogger(TriggerSync.class);

	private final List<Trigger> triggers;

	private TriggerSync(List<Trigger> triggers) {
		this.triggers = List.copyOf(triggers);
	}

	/** The configured triggers, as brought into the scheduler at start. */
	List<Trigger> triggers() {
		return triggers;
	}

	static TriggerSync sync(Scheduler scheduler, List<JobDetail> details, List<Trigger> triggers)
			throws SchedulerException {
		for (JobDetail detail : details) {
			// the job's class and data; its triggers stay as they are
			scheduler.addJob(detail, true);
		}
		for (Trigger trigger : triggers) {
			Trigger stored = scheduler.getTrigger(trigger.getKey());
			if (stored == null) {
				try {
					scheduler.scheduleJob(trigger);
					log.info("trigger {} added: {}", trigger.getKey(), describe(trigger));
				}
				catch (ObjectAlreadyExistsException e) {
					log.debug("trigger {} was added by another node", trigger.getKey());
				}
				continue;
			}
			if (sameSchedule(stored, trigger)) {
				continue;
			}
			Trigger.TriggerState state = scheduler.getTriggerState(trigger.getKey());
			scheduler.rescheduleJob(trigger.getKey(), trigger);
			if (state == Trigger.TriggerState.PAUSED) {
				scheduler.pauseTrigger(trigger.getKey());
			}
			log.info("trigger {} changed from {} to {}{}", trigger.getKey(), describe(stored), describe(trigger),
					(state == Trigger.TriggerState.PAUSED) ? " (still paused)" : "");
		}
		return new TriggerSync(triggers);
	}

	static boolean sameSchedule(Trigger stored, Trigger configured) {
		if (stored instanceof CronTrigger a && configured instanceof CronTrigger b) {
			return a.getCronExpression().equals(b.getCronExpression())
					&& Objects.equals(a.getTimeZone().getID(), b.getTimeZone().getID())
					&& a.getMisfireInstruction() == b.getMisfireInstruction();
		}
		return false;
	}

	private static String describe(Trigger trigger) {
		return (trigger instanceof CronTrigger cron)
				? "'" + cron.getCronExpression() + "' " + cron.getTimeZone().getID() : trigger.toString();
	}

}
