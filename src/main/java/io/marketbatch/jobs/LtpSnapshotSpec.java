package io.marketbatch.jobs;

import static io.marketbatch.jobs.launch.JobRequests.MINUTE;
import static io.marketbatch.jobs.launch.JobRequests.SYMBOLS;
import static io.marketbatch.jobs.launch.JobRequests.UNIVERSE;

import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.Firing;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code ltpSnapshot(minute)}: the current minute by default, never a future one, and
 * only while the minute is live: a broker answers the price now, so a snapshot of minute
 * M is taken during M or up to {@link #GRACE} after it, and never resumed later. Fires
 * every minute the exchange is open; a missed minute stays missed (gap fill recovers its
 * candles).
 */
public final class LtpSnapshotSpec implements JobSpec {

	/** How long after its end a minute may still be captured. */
	public static final Duration GRACE = Duration.ofSeconds(60);

	@Override
	public String name() {
		return JobNames.LTP_SNAPSHOT;
	}

	@Override
	public List<String> parameters() {
		return List.of(MINUTE, UNIVERSE, SYMBOLS);
	}

	@Override
	public void resolve(RawParameters raw, Instant now, TradingCalendar calendar, JobParametersBuilder parameters) {
		LocalDateTime current = LocalDateTime.ofInstant(now, calendar.zone()).truncatedTo(ChronoUnit.MINUTES);
		LocalDateTime minute = raw.minute(MINUTE, current);
		if (minute.isAfter(current)) {
			throw new BadJobRequestException("parameter 'minute' (" + RawParameters.minute(minute)
					+ ") is in the future; the latest minute is " + RawParameters.minute(current) + " IST");
		}
		tooLate(minute, now, calendar.zone()).ifPresent(late -> {
			throw new BadJobRequestException(late);
		});
		parameters.addLocalDateTime(MINUTE, minute);
	}

	@Override
	public Optional<String> whyNotResumable(JobParameters parameters, Instant now) {
		LocalDateTime minute = parameters.getLocalDateTime(MINUTE);
		return (minute == null) ? Optional.empty() : tooLate(minute, now, TradingCalendar.IST)
			.map(late -> late + "; gapFill recovers the minute's candles");
	}

	/** Why {@code minute} can no longer be captured at {@code now}, if it cannot. */
	private static Optional<String> tooLate(LocalDateTime minute, Instant now, ZoneId zone) {
		Instant end = minute.atZone(zone).toInstant().plusSeconds(60);
		if (!now.isAfter(end.plus(GRACE))) {
			return Optional.empty();
		}
		return Optional.of("minute " + RawParameters.minute(minute) + " ended " + elapsed(end, now)
				+ " ago; a price snapshot can only be taken live, during its minute or up to " + GRACE.toSeconds()
				+ " s after it");
	}

	/** "9 min 20 s", "2 h 5 min", "3 d 4 h": the two largest units, for a person. */
	static String elapsed(Instant from, Instant to) {
		Duration d = Duration.between(from, to);
		if (d.toDays() > 0) {
			return d.toDays() + " d " + d.toHoursPart() + " h";
		}
		if (d.toHours() > 0) {
			return d.toHours() + " h " + d.toMinutesPart() + " min";
		}
		if (d.toMinutes() > 0) {
			return d.toMinutes() + " min " + d.toSecondsPart() + " s";
		}
		return d.toSecondsPart() + " s";
	}

	@Override
	public MarketStatus marketStatus(JobParameters parameters, TradingCalendar calendar) {
		LocalDateTime minute = parameters.getLocalDateTime(MINUTE);
		return status(minute.atZone(calendar.zone()).toInstant(), calendar);
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.of(new JobSchedule("0 * * * * ?", JobSchedule.Misfire.SKIP));
	}

	@Override
	public Firing firing(Instant scheduledFireTime, TradingCalendar calendar) {
		Instant minute = scheduledFireTime.truncatedTo(ChronoUnit.MINUTES);
		MarketStatus status = status(minute, calendar);
		return status.open()
				? Firing.launch(Map.of(MINUTE, RawParameters.minute(LocalDateTime.ofInstant(minute, calendar.zone()))))
				: Firing.closed(status.reason());
	}

	private static MarketStatus status(Instant minute, TradingCalendar calendar) {
		return calendar.closedReason(minute).map(MarketStatus::closed).orElse(MarketStatus.OPEN);
	}

}
