package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.store.CalendarRepository;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
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

	private final JobSpec spec;

	public MarketGuard(CalendarRepository calendars, JobSpec spec) {
		this.calendars = calendars;
		this.spec = spec;
	}

	@Override
	public FlowExecutionStatus decide(JobExecution jobExecution, @Nullable StepExecution stepExecution) {
		MarketStatus status = spec.marketStatus(jobExecution.getJobParameters(),
				JobInstruments.calendar(calendars, jobExecution.getJobParameters()));
		if (status.open()) {
			return new FlowExecutionStatus(OPEN);
		}
		jobExecution.getExecutionContext().putString(REASON_KEY, status.reason());
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
