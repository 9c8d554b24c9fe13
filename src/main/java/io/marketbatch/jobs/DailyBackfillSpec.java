package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.BUSINESS_DATE;

import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.market.TradingCalendar;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dailyBackfill(businessDate)}: the last completed trading day by default. Fires
 * every 30 minutes from 16:00 to 23:30 on trading days, each time for the latest session
 * closed at least {@link #SETTLE} earlier: the regular session at 16:00, an evening
 * Muhurat session the same evening; a fire for a day already done is a logged no-op.
 * Fires once on return when the service was down.
 */
public final class DailyBackfillSpec extends ClosedDaySpec {

	@Override
	public String name() {
		return JobNames.DAILY_BACKFILL;
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.of(new JobSchedule(CRON, JobSchedule.Misfire.FIRE_ONCE));
	}

	/**
	 * Every half hour after the regular close, so a later session closes the same
	 * evening.
	 */
	static final String CRON = "0 0/30 16-23 * * ?";

	/** How long after a close its last minutes have settled at the broker. */
	static final Duration SETTLE = Duration.ofMinutes(30);

	/**
	 * On a trading day, the latest session closed {@link #SETTLE} before the fire time:
	 * today's once it has, the one before when a cron fires earlier (demos, tests);
	 * nothing on a closed day.
	 */
	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		Firing today = onTradingDay(scheduledFireTime, calendar);
		if (!today.status().open()) {
			return today;
		}
		return Firing.launch(
				Map.of(BUSINESS_DATE, calendar.lastCompletedTradingDay(scheduledFireTime.minus(SETTLE)).toString()));
	}

}
