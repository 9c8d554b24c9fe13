package io.marketbatch.jobs.launch;

/**
 * Another launcher created an execution of the same job instance first (it runs now, or
 * it has completed): this one is not created.
 */
public class ConcurrentLaunchException extends IllegalStateException {

	private final long executionId;

	public ConcurrentLaunchException(String job, long instanceId, long executionId, String status) {
		super(job + " instance " + instanceId + " already has execution " + executionId + " (" + status
				+ "); not creating another");
		this.executionId = executionId;
	}

	/** The execution the other launcher created. */
	public long executionId() {
		return executionId;
	}

}
