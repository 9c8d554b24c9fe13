package io.marketbatch.jobs.launch;

import io.marketbatch.jobs.JobNames;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerException;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * The one way jobs are launched, from the command line, the scheduler or the API:
 * validate the request, meet an existing instance sensibly (COMPLETED is a no-op unless
 * re-run on purpose, FAILED/STOPPED is resumed, a running one is left alone), and restart
 * or recover executions.
 */
public class BatchJobs {

	private static final Logger log = LoggerFactory.getLogger(BatchJobs.class);

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

	private final JobOperator operator;

	private final JobRepository repository;

	private final JobRequests requests;

	/**
	 * Launches in the background (the API answers 202 at once); the default operator is
	 * synchronous.
	 */
	private final JobOperator asyncOperator;

	/** Executions this process runs now, the very objects the steps update. */
	private final Map<Long, JobExecution> running = new ConcurrentHashMap<>();

	private final ExecutionOwner owner;

	public BatchJobs(List<Job> jobs, JobOperator operator, JobOperator asyncOperator, JobRepository repository,
			JobRequests requests, NodeRegistry node) {
		this.asyncOperator = asyncOperator;
		this.jobs = jobs.stream().collect(Collectors.toMap(Job::getName, Function.identity()));
		this.operator = operator;
		this.repository = repository;
		this.requests = requests;
		this.owner = new ExecutionOwner(repository, node);
		JobExecutionListener tracker = new JobExecutionListener() {
			@Override
			public void beforeJob(JobExecution execution) {
				running.put(execution.getId(), execution);
			}

			@Override
			public void afterJob(JobExecution execution) {
				running.remove(execution.getId());
				describeFailure(execution);
			}
		};
		jobs.forEach(job -> {
			((AbstractJob) job).registerJobExecutionListener(owner);
			((AbstractJob) job).registerJobExecutionListener(tracker);
		});
	}

	/**
	 * Asks every execution this process runs to stop at its next chunk boundary; they end
	 * STOPPED and restartable. Works on the in-memory executions, so no version race with
	 * the running steps (JobOperator.stop updates the step rows behind their back,
	 * spring-batch #5120, #5484).
	 * @return the executions asked to stop
	 */
	public List<JobExecution> stopRunning() {
		List<JobExecution> stopping = new ArrayList<>(running.values());
		for (JobExecution execution : stopping) {
			log.info("stopping {} execution {} at the next chunk boundary", execution.getJobInstance().getJobName(),
					execution.getId());
			execution.setStatus(BatchStatus.STOPPING);
			for (StepExecution step : execution.getStepExecutions()) {
				if (step.getStatus().isRunning()) {
					step.setTerminateOnly();
				}
			}
		}
		return stopping;
	}

	/**
	 * A STOPPED execution says how to resume it; a FAILED one names the cause an operator
	 * can act on (the broker outage, the rejected token), not only the stack trace kept
	 * in the step.
	 */
	static void describeFailure(JobExecution execution) {
		if (execution.getStatus() == BatchStatus.STOPPED) {
			execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(),
					"stopped at a chunk boundary; resume it with: restart " + execution.getId()));
			return;
		}
		if (execution.getStatus() != BatchStatus.FAILED || execution.getAllFailureExceptions().isEmpty()) {
			return;
		}
		Throwable cause = execution.getAllFailureExceptions().get(0);
		Throwable deepest = cause;
		while (deepest.getCause() != null && deepest.getCause() != deepest) {
			deepest = deepest.getCause();
			if (deepest instanceof BrokerException) {
				cause = deepest;
				break;
			}
			cause = deepest;
		}
		String message = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
		execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(), message));
	}

	/**
	 * Whether waiting can heal a FAILED execution. A rejected token cannot: it needs a
	 * person.
	 * @return null when a relaunch may help, otherwise why not
	 */
	public static String whyNotRelaunch(JobExecution execution) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
				if (t instanceof BrokerAuthException) {
					return "the broker rejected the token; renew it, then restart " + execution.getId();
				}
			}
		}
		return null;
	}

	/**
	 * Executions the job repository shows as running (STARTING, STARTED, STOPPING),
	 * oldest first.
	 */
	public List<JobExecution> runningExecutions() {
		List<JobExecution> found = new ArrayList<>();
		for (String name : jobs.keySet()) {
			found.addAll(repository.findRunningJobExecutions(name));
		}
		found.sort((a, b) -> Long.compare(a.getId(), b.getId()));
		return found;
	}

	/**
	 * Whether the node that owns a running execution is gone, so it is safe to recover.
	 */
	public NodeRegistry.Liveness ownerLiveness(JobExecution execution) {
		return owner.liveness(execution);
	}

	public JobRepository repository() {
		return repository;
	}

	/** Whether this process is running any execution now. */
	public boolean isRunningAny() {
		return !running.isEmpty();
	}

	public Job job(String name) {
		Job job = jobs.get(name);
		if (job == null) {
			throw JobRequests.unknownJob(name);
		}
		return job;
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

	private Launch launch(String jobName, JobParameters parameters, JobOperator operator) throws Exception {
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
			operator.recover(last);
		}
		return new Launch(Outcome.RAN, operator.start(job, parameters));
	}

	/**
	 * Resumes a FAILED or STOPPED execution, or a STARTED one whose process is gone, from
	 * its last checkpoint.
	 */
	public JobExecution restart(long executionId) throws Exception {
		return restart(executionId, operator);
	}

	/** {@link #restart(long)} in the background. */
	public JobExecution restartAsync(long executionId) throws Exception {
		return restart(executionId, asyncOperator);
	}

	/**
	 * Asks a running execution to stop at its next chunk boundary: directly when this
	 * process runs it, else through the job repository (the owning node's steps see
	 * STOPPING at their next chunk).
	 */
	public JobExecution stop(long executionId) throws Exception {
		JobExecution local = running.get(executionId);
		if (local != null) {
			local.setStatus(BatchStatus.STOPPING);
			local.getStepExecutions()
				.stream()
				.filter(s -> s.getStatus().isRunning())
				.forEach(StepExecution::setTerminateOnly);
			return local;
		}
		JobExecution execution = execution(executionId);
		if (!execution.isRunning()) {
			throw new BadJobRequestException("execution " + executionId + " is " + execution.getStatus()
					+ "; only a running execution can be stopped");
		}
		operator.stop(execution);
		return execution(executionId);
	}

	/** Marks a FAILED or STOPPED execution ABANDONED: it will never be restarted. */
	public JobExecution abandon(long executionId) throws Exception {
		JobExecution execution = execution(executionId);
		requireLatest(execution);
		if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
			throw new BadJobRequestException("execution " + executionId + " is " + execution.getStatus()
					+ "; only a FAILED or STOPPED execution can be abandoned");
		}
		return operator.abandon(execution);
	}

	/** Restart and abandon act on an instance's newest execution only. */
	private void requireLatest(JobExecution execution) {
		JobExecution latest = repository.getLastJobExecution(execution.getJobInstance());
		if (latest != null && latest.getId() != execution.getId()) {
			throw new BadJobRequestException("execution " + execution.getId() + " was already followed by execution "
					+ latest.getId() + " of the same instance, which is " + latest.getStatus()
					+ (latest.getStatus() == BatchStatus.COMPLETED ? "; nothing to resume"
							: "; use " + latest.getId() + " instead"));
		}
	}

	public List<String> jobNames() {
		return JobNames.ALL.stream().filter(jobs::containsKey).toList();
	}

	private JobExecution restart(long executionId, JobOperator operator) throws Exception {
		JobExecution execution = execution(executionId);
		if (execution.isRunning()) {
			NodeRegistry.Liveness liveness = owner.liveness(execution);
			if (!liveness.dead()) {
				throw new BadJobRequestException("execution " + executionId + " is " + execution.getStatus()
						+ " and cannot be restarted: " + liveness.reason());
			}
			log.warn("execution {} was left {} ({}); recovering it before the restart", executionId,
					execution.getStatus(), liveness.reason());
			execution = operator.recover(execution);
		}
		requireLatest(execution);
		if (execution.getStatus() != BatchStatus.FAILED && execution.getStatus() != BatchStatus.STOPPED) {
			throw new BadJobRequestException("execution " + executionId + " is " + execution.getStatus()
					+ "; only FAILED or STOPPED executions can be restarted");
		}
		job(execution.getJobInstance().getJobName());
		return operator.restart(execution);
	}

	public JobExecution execution(long executionId) {
		JobExecution execution;
		try {
			execution = repository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException e) {
			execution = null;
		}
		if (execution == null) {
			throw new BadJobRequestException("no job execution with id " + executionId);
		}
		return execution;
	}

	public JobOperator operator() {
		return operator;
	}

}
