package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.ExecutionTracker;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.store.CalendarRepository;

import java.util.Set;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.FlowBuilder;
import org.springframework.batch.core.job.builder.FlowJobBuilder;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;

/** The shape the jobs share: validated parameters, tracked executions, a market guard. */
final class JobFlows {

	private JobFlows() {
	}

	/** A job builder with the spec's validator and the execution tracker attached. */
	static JobBuilder builder(JobSpec spec, JobRepository repository, ExecutionTracker tracker) {
		return new JobBuilder(spec.name(), repository).validator(validator(spec)).listener(tracker);
	}

	/**
	 * A job that ends COMPLETED at once, writing nothing, when the spec finds the market
	 * closed for its parameters; otherwise runs {@code step}, then each of {@code then}.
	 */
	static Job guarded(JobSpec spec, JobRepository repository, ExecutionTracker tracker, CalendarRepository calendars,
			Step step, Step... then) {
		MarketGuard guard = new MarketGuard(calendars, spec);
		FlowBuilder<FlowJobBuilder> flow = builder(spec, repository, tracker).listener(guard)
			.start(guard)
			.on(MarketGuard.CLOSED)
			.end()
			.from(guard)
			.on("*")
			.to(step);
		for (Step next : then) {
			flow = flow.next(next);
		}
		return flow.end().build();
	}

	/**
	 * The job's own parameters are required (the request parser fills defaults in); the
	 * selection, a re-run marker and the exchange (absent from runs made before it was a
	 * parameter) are optional.
	 */
	static DefaultJobParametersValidator validator(JobSpec spec) {
		Set<String> optional = Set.of(JobRequests.UNIVERSE, JobRequests.SYMBOLS);
		return new DefaultJobParametersValidator(
				spec.parameters().stream().filter(p -> !optional.contains(p)).toArray(String[]::new),
				new String[] { JobRequests.UNIVERSE, JobRequests.SYMBOLS, JobRequests.RERUN, JobRequests.EXCHANGE });
	}

}
