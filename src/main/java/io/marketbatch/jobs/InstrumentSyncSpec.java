package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.util.Optional;

/**
 * {@code instrumentSync(businessDate)}: today by default; runs 08:30 on trading days.
 * Master data may be refreshed any day, so an ad-hoc run is never a market-closed no-op.
 */
public final class InstrumentSyncSpec extends AnyDaySpec {

	@Override
	public String name() {
		return JobNames.INSTRUMENT_SYNC;
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.of(new JobSchedule("0 30 8 * * ?", JobSchedule.Misfire.FIRE_ONCE));
	}

	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		return ClosedDaySpec.onTradingDay(scheduledFireTime, calendar);
	}

}
