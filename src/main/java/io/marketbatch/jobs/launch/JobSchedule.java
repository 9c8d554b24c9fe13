package io.marketbatch.jobs.launch;

/**
 * A job's default trigger, in Asia/Kolkata.
 *
 * @param cron the Quartz cron expression (overridable with
 * {@code marketbatch.schedule.<job>.cron})
 * @param misfire what a firing missed while the service was down does on return
 */
public record JobSchedule(String cron, Misfire misfire) {

	public enum Misfire {

		/** Skip to the next fire time: minute-level work that gap fill recovers. */
		SKIP,

		/** Fire once on return: daily and weekly work must not be lost. */
		FIRE_ONCE

	}

}
