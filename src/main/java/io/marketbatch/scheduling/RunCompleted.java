package io.marketbatch.scheduling;

/**
 * Published when a scheduled run (a firing or a relaunch) ended COMPLETED.
 *
 * @param job the job's name
 * @param executionId the execution that completed
 */
public record RunCompleted(String job, long executionId) {
}
