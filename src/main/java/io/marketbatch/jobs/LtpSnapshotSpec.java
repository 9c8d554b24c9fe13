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

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * {@code ltpSnapshot(minute)}: the current minute by default, never a future one; fires
 * every minute the exchange is open, and a missed minute is skipped (gap fill recovers
 * its candles).
 */
public final class LtpSnapshotSpec implements JobSpec {

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
		parameters.addLocalDateTime(MINUTE, minute);
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
