package io.marketbatch.broker.sim;

import io.marketbatch.broker.BrokerCredentials;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.Optional;
import java.util.function.Supplier;

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
 * @param tokenExpiresAt the simulated token dies daily at this time (IST, e.g. 03:30);
 * unset: never
 * @param tokenExpiresAfterRequests the simulated token dies after this many requests
 * (tests); unset: never. A new token ({@code token set sim <new>}) lives again.
 */
@ConfigurationProperties("marketbatch.sim")
public record SimProperties(@DefaultValue("0s") Duration latency, @DefaultValue("0.0") double failureRate,
		@Nullable Long failAfter, @Nullable Duration failFor, @DefaultValue("42") long seed,
		@DefaultValue("false") boolean rejectToken, @Nullable String tokenExpiresAt,
		@Nullable Long tokenExpiresAfterRequests) {

	/** The fault knobs these settings describe. */
	public SimFaults faults(Clock clock) {
		SimFaults faults = new SimFaults(clock, latency, failureRate, failAfter, failFor, seed);
		faults.rejectToken(rejectToken);
		return faults;
	}

	/** The fault knobs, with the token presented by {@code token} expiring as set. */
	public SimFaults faults(Clock clock, Supplier<Optional<BrokerCredentials>> token) {
		SimFaults faults = faults(clock);
		Optional<LocalTime> at = Optional.ofNullable(tokenExpiresAt).filter(s -> !s.isBlank()).map(LocalTime::parse);
		faults.token(new SimToken(clock, at, Optional.ofNullable(tokenExpiresAfterRequests), token));
		return faults;
	}

}
