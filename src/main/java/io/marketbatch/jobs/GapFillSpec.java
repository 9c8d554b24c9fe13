package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.RUN_AT;
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

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code gapFill(runAt)}: a 5-minute slot, the current one by default; fires 30 s into
 * every fifth minute while the exchange is open, and a missed slot is skipped (the next
 * one covers it).
 */
public final class GapFillSpec implements JobSpec {

	/**
	 * Gap fill runs in 5-minute slots: a fire time anywhere in the slot names the slot.
	 */
	static final int SLOT_MINUTES = 5;

	@Override
	public String name() {
		return JobNames.GAP_FILL;
	}

	@Override
	public List<String> parameters() {
		return List.of(RUN_AT, UNIVERSE, SYMBOLS);
	}

	/** The 5-minute slot a minute falls in. */
	public static LocalDateTime slot(LocalDateTime time) {
		LocalDateTime minute = time.truncatedTo(ChronoUnit.MINUTES);
		return minute.minusMinutes(minute.getMinute() % SLOT_MINUTES);
	}

	@Override
	public void resolve(RawParameters raw, Instant now, TradingCalendar calendar, JobParametersBuilder parameters) {
		LocalDateTime current = LocalDateTime.ofInstant(now, calendar.zone()).truncatedTo(ChronoUnit.MINUTES);
		LocalDateTime slot = slot(current);
		LocalDateTime runAt = raw.minute(RUN_AT, slot);
		if (!runAt.equals(slot(runAt))) {
			throw new BadJobRequestException("parameter 'runAt' (" + RawParameters.minute(runAt)
					+ ") must be a 5-minute slot such as " + RawParameters.minute(slot));
		}
		if (runAt.isAfter(current)) {
			throw new BadJobRequestException("parameter 'runAt' (" + RawParameters.minute(runAt)
					+ ") is in the future; the latest slot is " + RawParameters.minute(slot) + " IST");
		}
		parameters.addLocalDateTime(RUN_AT, runAt);
	}

	@Override
	public MarketStatus marketStatus(JobParameters parameters, TradingCalendar calendar) {
		return status(parameters.getLocalDateTime(RUN_AT), calendar);
	}

	/**
	 * Open when a gap fill for the slot {@code runAt} has work: a slot at the open has
	 * nothing finished yet; five minutes after the close the day is done.
	 */
	static MarketStatus status(LocalDateTime runAt, TradingCalendar calendar) {
		TradingDay day = calendar.day(runAt.toLocalDate());
		if (!day.isOpen()) {
			return MarketStatus.closed(day.closedReason());
		}
		if (!runAt.toLocalTime().isAfter(day.session().opens())
				|| runAt.toLocalTime().isAfter(day.session().closes().plusMinutes(SLOT_MINUTES))) {
			return MarketStatus.closed("outside market hours (" + runAt.toLocalTime() + " is not in the "
					+ day.session() + " session of " + day.date() + ")");
		}
		return MarketStatus.OPEN;
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.of(new JobSchedule("30 */5 * * * ?", JobSchedule.Misfire.SKIP));
	}

	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		LocalDateTime slot = slot(LocalDateTime.ofInstant(scheduledFireTime, calendar.zone()));
		MarketStatus status = status(slot, calendar);
		return status.open() ? Firing.launch(Map.of(RUN_AT, RawParameters.minute(slot)))
				: Firing.closed(status.reason());
	}

}
