package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.BUSINESS_DATE;

import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code dailyBackfill(businessDate)}: the last completed trading day by default; fires
 * 16:00 on trading days, and once on return when the service was down then.
 */
public final class DailyBackfillSpec extends ClosedDaySpec {

	@Override
	public String name() {
		return JobNames.DAILY_BACKFILL;
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.of(new JobSchedule("0 0 16 * * ?", JobSchedule.Misfire.FIRE_ONCE));
	}

	/**
	 * On a trading day, the latest session closed by the fire time: today's after its
	 * close, the one before when a cron fires earlier (demos, tests); nothing on a closed
	 * day.
	 */
	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		Firing today = onTradingDay(scheduledFireTime, calendar);
		if (!today.status().open()) {
			return today;
		}
		return Firing.launch(Map.of(BUSINESS_DATE, calendar.lastCompletedTradingDay(scheduledFireTime).toString()));
	}

}
