package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.FROM;
import static io.marketbatch.jobs.launch.JobRequests.SYMBOLS;
import static io.marketbatch.jobs.launch.JobRequests.TO;
import static io.marketbatch.jobs.launch.JobRequests.UNIVERSE;

import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code historyBackfill(from, to)}: by default the two months up to the last completed
 * trading day; fires Sundays 10:00, and once on return when the service was down then.
 */
public final class HistoryBackfillSpec implements JobSpec {

	/** Longest history a single backfill may ask for. */
	static final int MAX_DAYS = 3660;

	@Override
	public String name() {
		return JobNames.HISTORY_BACKFILL;
	}

	@Override
	public List<String> parameters() {
		return List.of(FROM, TO, UNIVERSE, SYMBOLS);
	}

	/** The first day of the two months that end with {@code to}: the default history. */
	public static LocalDate twoMonthsBefore(LocalDate to) {
		return to.minusMonths(2).plusDays(1);
	}

	@Override
	public void resolve(RawParameters raw, Instant now, TradingCalendar calendar, JobParametersBuilder parameters) {
		LocalDate to = RawParameters.notAfter(TO, raw.date(TO, calendar.lastCompletedTradingDay(now)),
				calendar.today(now));
		LocalDate from = raw.date(FROM, twoMonthsBefore(to));
		if (from.isAfter(to)) {
			throw new BadJobRequestException("parameter 'from' (" + from + ") must not be after 'to' (" + to + ")");
		}
		if (ChronoUnit.DAYS.between(from, to) >= MAX_DAYS) {
			throw new BadJobRequestException(
					"parameters 'from'..'to' span more than " + MAX_DAYS + " days; split the backfill");
		}
		parameters.addLocalDate(FROM, from).addLocalDate(TO, to);
	}

	@Override
	public MarketStatus marketStatus(JobParameters parameters, TradingCalendar calendar) {
		LocalDate from = parameters.getLocalDate(FROM);
		LocalDate to = parameters.getLocalDate(TO);
		return calendar.tradingDays(from, to).isEmpty() ? MarketStatus
			.closed("no trading day between " + from + " and " + to + " (" + calendar.day(from).closedReason() + ")")
				: MarketStatus.OPEN;
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.of(new JobSchedule("0 0 10 ? * SUN", JobSchedule.Misfire.FIRE_ONCE));
	}

	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		LocalDate to = calendar.lastCompletedTradingDay(scheduledFireTime);
		return Firing.launch(Map.of(FROM, twoMonthsBefore(to).toString(), TO, to.toString()));
	}

}
