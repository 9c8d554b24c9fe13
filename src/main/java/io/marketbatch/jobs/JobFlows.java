package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.JobRequests;

import java.util.List;
import java.util.Set;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.DefaultJobParametersValidator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;

/** The shape shared by the calendar-bound jobs: market guard, then the work step. */
final class JobFlows {

	private JobFlows() {
	}

	/**
	 * A job that ends COMPLETED at once, writing nothing, when {@code guard} finds the
	 * market closed.
	 */
	static Job guarded(String name, JobRepository repository, MarketGuard guard, Step step) {
		return new JobBuilder(name, repository).validator(validator(name))
			.listener(guard)
			.start(guard)
			.on(MarketGuard.CLOSED)
			.end()
			.from(guard)
			.on("*")
			.to(step)
			.end()
			.build();
	}

	/**
	 * The job's own parameters are required (JobRequests fills defaults in); the
	 * selection is optional.
	 */
	static DefaultJobParametersValidator validator(String job) {
		List<String> all = JobRequests.parametersOf(job);
		Set<String> selection = Set.of(JobRequests.UNIVERSE, JobRequests.SYMBOLS);
		return new DefaultJobParametersValidator(
				all.stream().filter(p -> !selection.contains(p)).toArray(String[]::new),
				new String[] { JobRequests.UNIVERSE, JobRequests.SYMBOLS, JobRequests.RERUN });
	}

}
