package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.BUSINESS_DATE;
import static io.marketbatch.jobs.launch.JobRequests.SYMBOLS;
import static io.marketbatch.jobs.launch.JobRequests.UNIVERSE;

import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * What the jobs of one business day share (dailyBackfill, eodAggregation): the day, by
 * default the last trading day whose session has ended and never after today, and a
 * market that is open on trading days only.
 */
abstract class ClosedDaySpec implements JobSpec {

	@Override
	public List<String> parameters() {
		return List.of(BUSINESS_DATE, UNIVERSE, SYMBOLS);
	}

	@Override
	public void resolve(RawParameters raw, Instant now, TradingCalendar calendar, JobParametersBuilder parameters) {
		LocalDate day = RawParameters.notAfter(BUSINESS_DATE,
				raw.date(BUSINESS_DATE, calendar.lastCompletedTradingDay(now)), calendar.today(now));
		TradingDay trading = calendar.day(day);
		// a day's work is only right once its session has closed (late minutes keep
		// arriving)
		if (trading.isOpen() && calendar.sessionClose(day).isAfter(now)) {
			throw new BadJobRequestException("parameter 'businessDate' (" + day + "): the " + day
					+ " session closes at " + trading.session().closes() + " IST; run " + name() + " after it");
		}
		parameters.addLocalDate(BUSINESS_DATE, day);
	}

	@Override
	public MarketStatus marketStatus(JobParameters parameters, TradingCalendar calendar) {
		TradingDay day = calendar.day(parameters.getLocalDate(BUSINESS_DATE));
		return day.isOpen() ? MarketStatus.OPEN : MarketStatus.closed(day.closedReason() + " (" + day.date() + ")");
	}

	/** A daily trigger's firing: the fire time's date when it is a trading day. */
	static Firing onTradingDay(Instant scheduledFireTime, TradingCalendar calendar) {
		TradingDay day = calendar.day(calendar.today(scheduledFireTime));
		return day.isOpen() ? Firing.launch(Map.of(BUSINESS_DATE, day.date().toString()))
				: Firing.closed(day.closedReason());
	}

}
