package io.marketbatch.broker.sim;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The simulated market's faults ({@code marketbatch.sim.*}), for demos and tests.
 *
 * @param latency added to every simulated request
 * @param failureRate share of requests that fail at random (seeded, so runs repeat)
 * @param failAfter every request after the N-th fails; unset: none
 * @param failFor how long the fail-after outage lasts; unset: until the process ends
 * @param seed seed of the random failures
 * @param rejectToken every request fails as a rejected token would (never retried, never
 * relaunched)
 */
@ConfigurationProperties("marketbatch.sim")
public record SimProperties(@DefaultValue("0s") Duration latency, @DefaultValue("0.0") double failureRate,
		@Nullable Long failAfter, @Nullable Duration failFor, @DefaultValue("42") long seed,
		@DefaultValue("false") boolean rejectToken) {

	/** The fault knobs these settings describe. */
	public SimFaults faults(Clock clock) {
		SimFaults faults = new SimFaults(clock, latency, failureRate, failAfter, failFor, seed);
		faults.rejectToken(rejectToken);
		return faults;
	}

}
