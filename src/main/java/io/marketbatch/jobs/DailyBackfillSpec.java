package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.BUSINESS_DATE;
import static io.marketbatch.jobs.launch.JobRequests.SYMBOLS;
import static io.marketbatch.jobs.launch.JobRequests.UNIVERSE;

import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code dailyBackfill(businessDate)}: the last completed trading day by default; fires
 * 16:00 on trading days, and once on return when the service was down then.
 */
public final class DailyBackfillSpec implements JobSpec {

	@Override
	public String name() {
		return JobNames.DAILY_BACKFILL;
	}

	@Override
	public List<String> parameters() {
		return List.of(BUSINESS_DATE, UNIVERSE, SYMBOLS);
	}

	@Override
	public void resolve(RawParameters raw, Instant now, TradingCalendar calendar, JobParametersBuilder parameters) {
		parameters.addLocalDate(BUSINESS_DATE, BusinessDays.closedDay(raw, BUSINESS_DATE, now, calendar));
	}

	@Override
	public MarketStatus marketStatus(JobParameters parameters, TradingCalendar calendar) {
		return BusinessDays.status(parameters.getLocalDate(BUSINESS_DATE), calendar);
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.of(new JobSchedule("0 0 16 * * ?", JobSchedule.Misfire.FIRE_ONCE));
	}

	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		TradingDay day = calendar.day(calendar.today(scheduledFireTime));
		return day.isOpen() ? Firing.launch(Map.of(BUSINESS_DATE, day.date().toString()))
				: Firing.closed(day.closedReason());
	}

}
