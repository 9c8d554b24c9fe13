package io.marketbatch.jobs.launch;

/**
 * Whether the market is open for a job's parameters, and if not, why (holiday, weekend,
 * outside the session).
 *
 * @param open true when the job has work to do
 * @param reason why the market is closed, or {@code "open"}
 */
public record MarketStatus(boolean open, String reason) {

	public static final MarketStatus OPEN = new MarketStatus(true, "open");

	public static MarketStatus closed(String reason) {
		return new MarketStatus(false, reason);
	}

}
