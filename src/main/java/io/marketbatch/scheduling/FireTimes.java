package io.marketbatch.scheduling;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.TimeZone;

import org.quartz.CronExpression;

/**
 * The cron time a firing stands for. A misfired fire-once trigger fires "now", at the
 * time the service returned; its business key must still come from the fire time it
 * missed, so that the late run, the catch-up and a duplicate all meet the same job
 * instance.
 */
final class FireTimes {

	/** How far back a missed fire is looked for: past a weekly trigger's period. */
	private static final List<Duration> LOOK_BACK = List.of(Duration.ofMinutes(2), Duration.ofHours(2),
			Duration.ofDays(2), Duration.ofDays(8));

	private FireTimes() {
	}

	/**
	 * The latest time of {@code cron} at or before {@code at}, if one lies within eight
	 * days.
	 */
	static Optional<Instant> latest(String cron, TimeZone zone, Instant at) {
		CronExpression expression;
		try {
			expression = new CronExpression(cron);
		}
		catch (ParseException e) {
			throw new IllegalArgumentException("bad cron expression '" + cron + "': " + e.getMessage(), e);
		}
		expression.setTimeZone(zone);
		for (Duration back : LOOK_BACK) {
			Date candidate = expression.getNextValidTimeAfter(Date.from(at.minus(back)));
			if (candidate != null && !candidate.toInstant().isAfter(at)) {
				Instant latest = candidate.toInstant();
				for (Date next = expression.getNextValidTimeAfter(candidate); next != null
						&& !next.toInstant().isAfter(at); next = expression.getNextValidTimeAfter(next)) {
					latest = next.toInstant();
				}
				return Optional.of(latest);
			}
		}
		return Optional.empty();
	}

}
