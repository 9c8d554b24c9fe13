package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.BUSINESS_DATE;

import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code housekeeping(businessDate)}: today by default; runs 02:15 every day (once on
 * return when the service was down then). Needs neither the market nor the broker.
 */
public final class HousekeepingSpec implements JobSpec {

	@Override
	public String name() {
		return JobNames.HOUSEKEEPING;
	}

	@Override
	public List<String> parameters() {
		return List.of(BUSINESS_DATE);
	}

	@Override
	public void resolve(RawParameters raw, Instant now, TradingCalendar calendar, JobParametersBuilder parameters) {
		LocalDate today = calendar.today(now);
		parameters.addLocalDate(BUSINESS_DATE,
				RawParameters.notAfter(BUSINESS_DATE, raw.date(BUSINESS_DATE, today), today));
	}

	@Override
	public MarketStatus marketStatus(JobParameters parameters, TradingCalendar calendar) {
		return MarketStatus.OPEN;
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
