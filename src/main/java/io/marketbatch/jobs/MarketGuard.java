package io.marketbatch.jobs;

import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;

import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;

/**
 * The first element of every calendar-bound job: asks the trading calendar whether the
 * market is open for the job's parameters. When it is closed the job ends COMPLETED at
 * once, writes nothing, and its exit description says "market closed: Gandhi Jayanti".
 */
public class MarketGuard implements JobExecutionDecider, JobExecutionListener {

	public static final String CLOSED = "CLOSED";

	public static final String OPEN = "OPEN";

	private static final String REASON_KEY = "marketClosed";

	private final CalendarRepository calendars;

	private final BiFunction<JobParameters, TradingCalendar, String> closedReason;

	/**
	 * @param closedReason null when the market is open for these parameters, else why not
	 */
	public MarketGuard(CalendarRepository calendars, BiFunction<JobParameters, TradingCalendar, String> closedReason) {
		this.calendars = calendars;
		this.closedReason = closedReason;
	}

	@Override
	public FlowExecutionStatus decide(JobExecution jobExecution, @Nullable StepExecution stepExecution) {
		String reason = closedReason.apply(jobExecution.getJobParameters(), calendars.load());
		if (reason == null) {
			return new FlowExecutionStatus(OPEN);
		}
		jobExecution.getExecutionContext().putString(REASON_KEY, reason);
		return new FlowExecutionStatus(CLOSED);
	}

	@Override
	public void afterJob(JobExecution jobExecution) {
		if (jobExecution.getExecutionContext().containsKey(REASON_KEY)) {
			jobExecution.setExitStatus(new ExitStatus(ExitStatus.COMPLETED.getExitCode(),
					"market closed: " + jobExecution.getExecutionContext().getString(REASON_KEY)));
		}
	}

}
