package io.marketbatch.jobs.launch;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;

/**
 * The one way jobs are launched, from the command line, the scheduler or the API: check
 * the request, then meet an existing instance sensibly. COMPLETED is a no-op unless
 * re-run on purpose, FAILED or STOPPED is resumed (unless it can no longer be, like a
 * snapshot of a past minute), a running one is left alone, and one left running by a dead
 * process is recovered first.
 */
public class JobLaunches {

	private static final Logger log = LoggerFactory.getLogger(JobLaunches.class);

	/** How often a launch that lost a race with another launcher looks again. */
	private static final int RACE_ATTEMPTS = 10;

	/** What a launch did. */
	public enum Outcome {

		/** The job ran (a new instance, or a FAILED/STOPPED one resumed). */
		RAN,
		/** An instance with these parameters had COMPLETED; nothing ran. */
		ALREADY_COMPLETED,
		/** An execution of this instance is running now; nothing ran. */
		ALREADY_RUNNING

	}

	public record Launch(Outcome outcome, JobExecution execution) {
	}

	private final Map<String, Job> jobs;

	private final JobRequests requests;

	private final JobRepository repository;

	private final JobOperator operator;

	/**
	 * Launches on its own threads (the API answers 202 at once); the default operator is
	 * synchronous.
	 */
	private final JobOperator asyncOperator;

	private final ExecutionOwner owner;

	private final Clock clock;

	public JobLaunches(List<Job> jobs, JobRequests requests, JobRepository repository, JobOperator operator,
			JobOperator asyncOperator, ExecutionOwner owner, Clock clock) {
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
		this.requests = requests;
		this.repository = repository;
		this.operator = operator;
		this.asyncOperator = asyncOperator;
		this.owner = owner;
		this.clock = clock;
	}

	/** The job of that name; an unknown name is a bad request. */
	public Job job(String name) {
		Job job = jobs.get(name);
		if (job == null) {
			throw JobRequests.unknownJob(name, jobNames());
		}
		return job;
	}

	/** The jobs' names in the order of their specs. */
	public List<String> jobNames() {
		return requests.specs().stream().map(JobSpec::name).filter(jobs::containsKey).toList();
	}

	public List<JobSpec> specs() {
		return requests.specs().stream().filter(spec -> jobs.containsKey(spec.name())).toList();
	}

	/** Checks a request and returns its parameters without launching anything. */
	public JobParameters prepare(String jobName, Map<String, String> raw, boolean rerun) {
		Job job = job(jobName);
		JobParameters parameters = requests.parameters(jobName, raw, rerun);
		try {
			job.getJobParametersValidator().validate(parameters);
		}
		catch (InvalidJobParametersException e) {
			throw new BadJobRequestException(e.getMessage());
		}
		return parameters;
	}

	/** Runs the job to its end unless its instance is complete or running. */
	public Launch launch(String jobName, JobParameters parameters) throws Exception {
		return launch(jobName, parameters, operator);
	}

	/** Starts the job in the background and returns its execution at once (STARTING). */
	public Launch launchAsync(String jobName, JobParameters parameters) throws Exception {
		return launch(jobName, parameters, asyncOperator);
	}

	/**
	 * Meets the instance as it is; when another launcher creates it or its execution at
	 * the same moment (the losing side of the instance's unique key, of the
	 * {@link LaunchGuard}, or a serialization failure of the database), looks again, so
	 * the outcome is the same as if it had come later: already running or complete.
	 */
	private Launch launch(String jobName, JobParameters parameters, JobOperator operator) throws Exception {
		for (int attempt = 1;; attempt++) {
			try {
				return launchOnce(jobName, parameters, operator);
			}
			catch (Exception e) {
				if (attempt >= RACE_ATTEMPTS || !isLaunchRace(e)) {
					throw e;
				}
				log.info("{} {}: another launcher got there first ({}); looking again", jobName, parameters,
						rootMessage(e));
				Thread.sleep(ThreadLocalRandom.current().nextLong(20, 60) * attempt);
			}
		}
	}

	/**
	 * Whether a failed create lost a race with another launcher of the same instance,
	 * rather than failed for a reason of its own.
	 */
	static boolean isLaunchRace(Throwable e) {
		for (Throwable t = e; t != null; t = (t.getCause() == t) ? null : t.getCause()) {
			if (t instanceof ConcurrentLaunchException || t instanceof JobExecutionAlreadyRunningException
					|| t instanceof JobInstanceAlreadyCompleteException || t instanceof DataIntegrityViolationException
					|| t instanceof ConcurrencyFailureException || t instanceof TransientDataAccessException) {
				return true;
			}
			// the instance was created meanwhile, or exists and its first execution is
			// being created by its launcher
			if (t instanceof IllegalStateException && t.getMessage() != null
					&& (t.getMessage().startsWith("JobInstance must not already exist")
							|| t.getMessage().startsWith("Cannot find any job execution")
							|| t.getMessage().startsWith("A job instance with no job executions"))) {
				return true;
			}
		}
		return false;
	}

	private static String rootMessage(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getClass().getSimpleName() + ": " + t.getMessage();
	}

	private Launch launchOnce(String jobName, JobParameters parameters, JobOperator operator) throws Exception {
		Job job = job(jobName);
		JobExecution last = repository.getLastJobExecution(jobName, parameters);
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			log.info("{} {} already COMPLETED as execution {}; nothing to do", jobName, parameters, last.getId());
			return new Launch(Outcome.ALREADY_COMPLETED, last);
		}
		if (last != null && last.isRunning()) {
			NodeRegistry.Liveness liveness = owner.liveness(last);
			if (!liveness.dead()) {
				log.info("{} execution {} is running ({}); not launching another", jobName, last.getId(),
						liveness.reason());
				return new Launch(Outcome.ALREADY_RUNNING, last);
			}
			log.warn("{} execution {} was left {} ({}); recovering it", jobName, last.getId(), last.getStatus(),
					liveness.reason());
			last = operator.recover(last);
		}
		if (last != null && (last.getStatus() == BatchStatus.FAILED || last.getStatus() == BatchStatus.STOPPED)) {
			Optional<String> tooLate = spec(jobName).flatMap(spec -> spec.whyNotResumable(parameters, clock.instant()));
			if (tooLate.isPresent()) {
				throw new BadJobRequestException(jobName + " execution " + last.getId() + " is " + last.getStatus()
						+ " and is not resumed: " + tooLate.get());
			}
		}
		return new Launch(Outcome.RAN, operator.start(job, parameters));
	}

	private Optional<JobSpec> spec(String jobName) {
		return specs().stream().filter(spec -> spec.name().equals(jobName)).findFirst();
	}

}
