package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.BUSINESS_DATE;

import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * {@code housekeeping(businessDate)}: today by default; runs 02:15 every day (once on
 * return when the service was down then). Needs neither the market nor the broker.
 */
public final class HousekeepingSpec extends AnyDaySpec {

	@Override
	public String name() {
		return JobNames.HOUSEKEEPING;
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.of(new JobSchedule("0 15 2 * * ?", JobSchedule.Misfire.FIRE_ONCE));
	}

	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		return Firing.launch(Map.of(BUSINESS_DATE, calendar.today(scheduledFireTime).toString()));
	}

	@Override
	public boolean needsBroker() {
		return false;
	}

}
