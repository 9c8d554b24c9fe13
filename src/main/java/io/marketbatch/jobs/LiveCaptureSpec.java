package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.SYMBOLS;
import static io.marketbatch.jobs.launch.JobRequests.UNIVERSE;

import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code liveCapture(exchange, date)}: one instance per exchange and trading day, today
 * by default; a past day is refused (its minutes are the gap fill's and the daily
 * backfill's), a closed day is a clean no-op. The trigger looks every 5 minutes and
 * launches from {@link #LEAD} before the session opens until it closes; a firing that
 * meets the running capture leaves it alone, one that meets a failed one resumes it.
 */
public final class LiveCaptureSpec implements JobSpec {

	public static final String DATE = "date";

	/** How long before the session opens the capture connects. */
	static final Duration LEAD = Duration.ofMinutes(5);

	@Override
	public String name() {
		return JobNames.LIVE_CAPTURE;
	}

	@Override
	public List<String> parameters() {
		// exchange= is every job's (JobRequests)
		return List.of(DATE, UNIVERSE, SYMBOLS);
	}

	@Override
	public void resolve(RawParameters raw, Instant now, TradingCalendar calendar, JobParametersBuilder parameters) {
		LocalDate today = calendar.today(now);
		LocalDate day = RawParameters.notAfter(DATE, raw.date(DATE, today), today);
		if (day.isBefore(today)) {
			throw new BadJobRequestException("parameter 'date' (" + day + ") is past: ticks can only be captured live, "
					+ "today (" + today + " IST); gapFill and dailyBackfill recover a past day's minutes");
		}
		parameters.addLocalDate(DATE, day);
	}

	@Override
	public MarketStatus marketStatus(JobParameters parameters, TradingCalendar calendar) {
		TradingDay day = calendar.day(parameters.getLocalDate(DATE));
		return day.isOpen() ? MarketStatus.OPEN : MarketStatus.closed(day.closedReason() + " (" + day.date() + ")");
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.of(new JobSchedule("0 */5 * * * ?", JobSchedule.Misfire.SKIP));
	}

	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		LocalDate today = calendar.today(scheduledFireTime);
		TradingDay day = calendar.day(today);
		if (!day.isOpen()) {
			return Firing.closed(day.closedReason());
		}
		Instant opens = calendar.sessionOpen(today).minus(LEAD);
		if (scheduledFireTime.isBefore(opens) || !scheduledFireTime.isBefore(calendar.sessionClose(today))) {
			return Firing.closed("outside the " + day.session() + " session of " + today + " (live capture connects "
					+ LEAD.toMinutes() + " min before the open)");
		}
		return Firing.launch(Map.of(DATE, today.toString()));
	}

	/** A capture of a past day cannot be resumed: its ticks are gone. */
	@Override
	public Optional<String> whyNotResumable(JobParameters parameters, Instant now) {
		LocalDate day = parameters.getLocalDate(DATE);
		LocalDate today = LocalDate.ofInstant(now, TradingCalendar.IST);
		return day != null && day.isBefore(today)
				? Optional.of("the live capture of " + day + " is over; gapFill and dailyBackfill recover its minutes")
				: Optional.empty();
	}

}
