package io.marketbatch.scheduling;

import org.springframework.batch.core.job.JobExecution;

/**
 * Published when a scheduled run ended FAILED and nothing more will be tried on its own:
 * all relaunches failed, waiting cannot heal it (a rejected token), or it can no longer
 * be resumed (a price snapshot past its minute).
 *
 * @param job the job's name
 * @param executionId the execution given up
 * @param reason why it failed (the first failure's root cause), one line
 * @param fix what a person does about it
 */
public record RunGaveUp(String job, long executionId, String reason, String fix) {

	static RunGaveUp of(JobExecution execution, String fix) {
		return new RunGaveUp(execution.getJobInstance().getJobName(), execution.getId(), failure(execution), fix);
	}

	/** The root cause of the first failure, else the exit description's first line. */
	static String failure(JobExecution execution) {
		for (Throwable failure : execution.getAllFailureExceptions()) {
			Throwable root = failure;
			while (root.getCause() != null && root.getCause() != root) {
				root = root.getCause();
			}
			String message = (root.getMessage() == null) ? root.getClass().getSimpleName() : root.getMessage();
			return firstLine(message);
		}
		String description = execution.getExitStatus().getExitDescription();
		return (description == null || description.isBlank()) ? "FAILED" : firstLine(description);
	}

	private static String firstLine(String text) {
		String line = text.strip().lines().findFirst().orElse("");
		return (line.length() > 500) ? line.substring(0, 500) + "…" : line;
	}

}
