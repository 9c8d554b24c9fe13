package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
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

	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		return onTradingDay(scheduledFireTime, calendar);
	}

}
