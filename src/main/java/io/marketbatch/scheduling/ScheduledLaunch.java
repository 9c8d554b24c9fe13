package io.marketbatch.scheduling;

import io.marketbatch.jobs.BadJobRequestException;
import io.marketbatch.jobs.BatchJobs;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.JobRequests;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;
import io.marketbatch.readers.db.CalendarRepository;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import org.quartz.DisallowConcurrentExecution;
import org.quartz.JobExecutionContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.scheduling.quartz.QuartzJobBean;

/**
 * What a Quartz trigger does: derive the Batch job's identifying parameters from the scheduled
 * fire time (so a duplicate fire meets the same JobInstance), skip closed markets without creating
 * an instance, and launch. A completed dailyBackfill is followed by that day's eodAggregation.
 */
@DisallowConcurrentExecution
public class ScheduledLaunch extends QuartzJobBean {

	private static final Logger log = LoggerFactory.getLogger(ScheduledLaunch.class);

	static final String JOB_NAME = "batchJob";

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

	private final BatchJobs jobs;

	private final CalendarRepository calendars;

	public ScheduledLaunch(BatchJobs jobs, CalendarRepository calendars) {
		this.jobs = jobs;
		this.calendars = calendars;
	}

	@Override
	protected void executeInternal(JobExecutionContext context) {
		String job = context.getMergedJobDataMap().getString(JOB_NAME);
		Instant fireTime = context.getScheduledFireTime().toInstant();
		TradingCalendar calendar = calendars.load();
		Map<String, String> params = new LinkedHashMap<>();
		String skip = parametersFor(job, fireTime, calendar, params);
		if (skip != null) {
			log.info("{} not launched for {}: market closed: {}", job, fireTime.atZone(calendar.zone()).toLocalDateTime(),
					skip);
			return;
		}
		if (launch(job, params) && job.equals(JobNames.DAILY_BACKFILL)) {
			launch(JobNames.EOD_AGGREGATION, Map.of(JobRequests.BUSINESS_DATE, params.get(JobRequests.BUSINESS_DATE)));
		}
	}

	/** @return true when the job's instance is COMPLETED after this call */
	private boolean launch(String job, Map<String, String> params) {
		try {
			JobParameters parameters = jobs.prepare(job, params, false);
			BatchJobs.Launch launch = jobs.launch(job, parameters);
			return launch.execution().getStatus() == BatchStatus.COMPLETED;
		}
		catch (BadJobRequestException e) {
			log.error("{} not launched: {}", job, e.getMessage());
		}
		catch (Exception e) {
			log.error("{} failed to launch: {}", job, e.getMessage(), e);
		}
		return false;
	}

	/**
	 * Fills {@code params} for a firing at {@code fireTime}; returns why the market is closed for
	 * it (then nothing is launched and no instance is created), or null.
	 */
	static String parametersFor(String job, Instant fireTime, TradingCalendar calendar, Map<String, String> params) {
		LocalDateTime local = LocalDateTime.ofInstant(fireTime, calendar.zone()).truncatedTo(ChronoUnit.MINUTES);
		LocalDate date = local.toLocalDate();
		TradingDay day = calendar.day(date);
		switch (job) {
			case JobNames.LTP_SNAPSHOT -> {
				String closed = calendar.closedReason(fireTime.truncatedTo(ChronoUnit.MINUTES));
				if (closed != null) {
					return closed;
				}
				params.put(JobRequests.MINUTE, MINUTE.format(local));
			}
			case JobNames.GAP_FILL -> {
				if (!day.isOpen()) {
					return day.closedReason();
				}
				LocalDateTime slot = local.minusMinutes(local.getMinute() % 5);
				if (!slot.toLocalTime().isAfter(day.session().opens())
						|| slot.toLocalTime().isAfter(day.session().closes().plusMinutes(5))) {
					return "outside market hours (" + slot.toLocalTime() + ", session " + day.session() + ")";
				}
				params.put(JobRequests.RUN_AT, MINUTE.format(slot));
			}
			case JobNames.INSTRUMENT_SYNC, JobNames.DAILY_BACKFILL -> {
				if (!day.isOpen()) {
					return day.closedReason();
				}
				params.put(JobRequests.BUSINESS_DATE, date.toString());
			}
			case JobNames.HISTORY_BACKFILL -> {
				LocalDate to = calendar.lastCompletedTradingDay(fireTime);
				params.put(JobRequests.FROM, to.minusMonths(2).plusDays(1).toString());
				params.put(JobRequests.TO, to.toString());
			}
			default -> throw new IllegalArgumentException("no schedule for job " + job);
		}
		return null;
	}
}
