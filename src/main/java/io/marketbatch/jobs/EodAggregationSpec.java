package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.BUSINESS_DATE;
import static io.marketbatch.jobs.launch.JobRequests.SYMBOLS;
import static io.marketbatch.jobs.launch.JobRequests.UNIVERSE;

import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code eodAggregation(businessDate)}: the last completed trading day by default. It has
 * no trigger of its own: the daily close runs it after a COMPLETED dailyBackfill of the
 * same day.
 */
public final class EodAggregationSpec implements JobSpec {

	@Override
	public String name() {
		return JobNames.EOD_AGGREGATION;
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
		return Optional.empty();
	}

	/** Bars from stored candles: no broker call. */
	@Override
	public boolean needsBroker() {
		return false;
	}

}
