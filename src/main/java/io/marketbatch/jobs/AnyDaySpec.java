package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.BUSINESS_DATE;

import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * The rules of a job keyed by a {@code businessDate} that is today by default and never
 * in the future, and that runs whether the market is open or not (instrument master,
 * housekeeping).
 */
abstract class AnyDaySpec implements JobSpec {

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

}
