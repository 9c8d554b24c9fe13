package io.marketbatch.scheduling;

import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.BatchJobs;
import io.marketbatch.jobs.GapFillJob;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;
import io.marketbatch.store.CalendarRepository;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.ObjectProvider;

/**
 * What the schedule does with a firing: derive the Batch job's identifying parameters
 * from the scheduled fire time (a duplicate fire meets the same JobInstance: COMPLETED is
 * a no-op, FAILED is resumed, a running one is left alone), skip closed markets without
 * creating an instance, and launch. A FAILED run is restarted after the configured
 * backoffs as a restart of the same instance, through a Quartz trigger (so the plan
 * survives a restart of the service and runs on one node of a cluster), unless waiting
 * cannot heal it.
 */
public class ScheduledRuns {

	private static final Logger log = LoggerFactory.getLogger(ScheduledRuns.class);

	private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

	static final String EXECUTION_ID = "executionId";

	static final String ATTEMPT = "attempt";

	private final BatchJobs jobs;

	private final CalendarRepository calendars;

	private final ObjectProvider<Scheduler> scheduler;

	private final List<Duration> relaunchDelays;

	private final MeterRegistry meters;

	public ScheduledRuns(BatchJobs jobs, CalendarRepository calendars, ObjectProvider<Scheduler> scheduler,
			List<Duration> relaunchDelays, MeterRegistry meters) {
		this.jobs = jobs;
		this.calendars = calendars;
		this.scheduler = scheduler;
		this.relaunchDelays = List.copyOf(relaunchDelays);
		this.meters = meters;
	}

	/** A trigger of {@code job} fired for {@code fireTime}. */
	public void fire(String job, Instant fireTime) {
		TradingCalendar calendar = calendars.load();
		Map<String, String> params = new LinkedHashMap<>();
		String closed = parametersFor(job, fireTime, calendar, params);
		meters
			.counter("marketbatch.schedule.fires", "job", job, "outcome", closed == null ? "launched" : "market-closed")
			.increment();
		if (closed != null) {
			log.info("{} not launched for {}: market closed: {}", job,
					fireTime.atZone(calendar.zone()).toLocalDateTime().truncatedTo(ChronoUnit.SECONDS), closed);
			return;
		}
		JobExecution execution = launch(job, params);
		if (execution != null && execution.getStatus() == BatchStatus.COMPLETED
				&& job.equals(JobNames.DAILY_BACKFILL)) {
			launch(JobNames.EOD_AGGREGATION, Map.of(JobRequests.BUSINESS_DATE, params.get(JobRequests.BUSINESS_DATE)));
		}
	}

	/**
	 * Launches with the given business parameters; a FAILED end plans its first relaunch.
	 */
	JobExecution launch(String job, Map<String, String> params) {
		try {
			JobParameters parameters = jobs.prepare(job, params, false);
			JobExecution execution = jobs.launch(job, parameters).execution();
			afterRun(execution, 0);
			return execution;
		}
		catch (BadJobRequestException e) {
			log.error("{} not launched: {}", job, e.getMessage());
		}
		catch (Exception e) {
			log.error("{} failed to launch: {}", job, e.getMessage(), e);
		}
		return null;
	}

	/**
	 * A planned relaunch: restart the instance unless it has completed or runs meanwhile.
	 */
	public void relaunch(long executionId, int attempt) {
		JobExecution failed = jobs.execution(executionId);
		JobExecution latest = jobs.repository().getLastJobExecution(failed.getJobInstance());
		String job = failed.getJobInstance().getJobName();
		if (latest == null || latest.getStatus() == BatchStatus.COMPLETED || latest.isRunning()) {
			log.info("{} relaunch {} not needed: the instance is {}", job, attempt,
					latest == null ? "gone" : latest.getStatus());
			return;
		}
		log.info("relaunching {} (attempt {} of {}): restart of execution {}", job, attempt, relaunchDelays.size(),
				latest.getId());
		try {
			JobExecution execution = jobs.restart(latest.getId());
			afterRun(execution, attempt);
			if (execution.getStatus() == BatchStatus.COMPLETED && job.equals(JobNames.DAILY_BACKFILL)) {
				launch(JobNames.EOD_AGGREGATION, Map.of(JobRequests.BUSINESS_DATE,
						execution.getJobParameters().getLocalDate(JobRequests.BUSINESS_DATE).toString()));
			}
		}
		catch (Exception e) {
			log.error("{} relaunch {} failed to start: {}", job, attempt, e.getMessage());
		}
	}

	private void afterRun(JobExecution execution, int attemptsSoFar) {
		if (execution.getStatus() != BatchStatus.FAILED) {
			return;
		}
		String job = execution.getJobInstance().getJobName();
		String notHealable = BatchJobs.whyNotRelaunch(execution);
		if (notHealable != null) {
			note(execution, "not relaunched: " + notHealable);
			log.error("{} execution {} FAILED and is not relaunched: {}", job, execution.getId(), notHealable);
			return;
		}
		if (attemptsSoFar >= relaunchDelays.size()) {
			note(execution, "not relaunched: all " + relaunchDelays.size() + " relaunches failed; restart "
					+ execution.getId() + " when the cause is fixed");
			log.error("{} execution {} FAILED after {} relaunches; giving up", job, execution.getId(), attemptsSoFar);
			return;
		}
		Duration delay = relaunchDelays.get(attemptsSoFar);
		planRelaunch(execution.getId(), attemptsSoFar + 1, delay);
		log.warn("{} execution {} FAILED; relaunch {} of {} in {}", job, execution.getId(), attemptsSoFar + 1,
				relaunchDelays.size(), delay);
	}

	private void planRelaunch(long executionId, int attempt, Duration delay) {
		Scheduler quartz = scheduler.getIfAvailable();
		if (quartz == null) {
			log.warn("no scheduler: execution {} will not be relaunched automatically", executionId);
			return;
		}
		String name = "relaunch-" + executionId + "-" + attempt;
		JobDetail detail = JobBuilder.newJob(RelaunchFailedRun.class)
			.withIdentity(name, SchedulingConfiguration.GROUP)
			.usingJobData(EXECUTION_ID, executionId)
			.usingJobData(ATTEMPT, attempt)
			.build();
		Trigger trigger = TriggerBuilder.newTrigger()
			.withIdentity(name, SchedulingConfiguration.GROUP)
			.startAt(Date.from(Instant.now().plus(delay)))
			.withSchedule(SimpleScheduleBuilder.simpleSchedule().withMisfireHandlingInstructionFireNow())
			.build();
		try {
			quartz.scheduleJob(detail, trigger);
		}
		catch (SchedulerException e) {
			log.error("cannot plan relaunch {} of execution {}: {}", attempt, executionId, e.getMessage());
		}
	}

	private void note(JobExecution execution, String note) {
		ExitStatus exit = execution.getExitStatus();
		String description = exit.getExitDescription() == null || exit.getExitDescription().isBlank() ? note
				: exit.getExitDescription() + " — " + note;
		execution.setExitStatus(new ExitStatus(exit.getExitCode(), description));
		jobs.repository().update(execution);
	}

	/**
	 * Fills {@code params} for a firing at {@code fireTime}; returns why the market is
	 * closed for it (then nothing is launched and no instance is created), or null.
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
				LocalDateTime slot = local.minusMinutes(local.getMinute() % 5);
				String closed = GapFillJob.closedReason(slot, calendar);
				if (closed != null) {
					return closed;
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
