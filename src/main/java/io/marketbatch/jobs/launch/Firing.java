package io.marketbatch.jobs.launch;

import java.util.Map;

/**
 * What a scheduled firing launches: the business parameters of its fire time, or nothing
 * when the market is closed then (no job instance is created).
 *
 * @param status the market status at the fire time
 * @param parameters the job's {@code name=value} parameters; empty when closed
 */
public record Firing(MarketStatus status, Map<String, String> parameters) {

	public static Firing launch(Map<String, String> parameters) {
		return new Firing(MarketStatus.OPEN, Map.copyOf(parameters));
	}

	public static Firing closed(String reason) {
		return new Firing(MarketStatus.closed(reason), Map.of());
	}

}
