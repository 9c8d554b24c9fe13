package io.marketbatch.broker.sim;

import io.marketbatch.broker.BrokerCredentials;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
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
 * @param noTrade instruments that miss a share of their minutes (no trade, no candle):
 * {@code SYMBOL:0.2,...}; by default four F&O stocks outside NIFTY 50, whose members
 * trade every minute; empty: every instrument trades every minute
 * @param intradayLag a minute's candle is served this long after the minute ends (Upstox
 * lags 2-3 minutes)
 * @param provisionalFor for this long after first being served a minute shows provisional
 * values, revised once after
 * @param extraSessions sessions traded whatever the calendar says, to test calendar
 * drift: {@code 2026-11-08T18:00/19:00,...} (IST)
 */
@ConfigurationProperties("marketbatch.sim")
public record SimProperties(@DefaultValue("0s") Duration latency, @DefaultValue("0.0") double failureRate,
		@Nullable Long failAfter, @Nullable Duration failFor, @DefaultValue("42") long seed,
		@DefaultValue("false") boolean rejectToken, @Nullable String tokenExpiresAt,
		@Nullable Long tokenExpiresAfterRequests, @DefaultValue(DEFAULT_NO_TRADE) String noTrade,
		@DefaultValue("2m") Duration intradayLag, @DefaultValue("5m") Duration provisionalFor,
		@DefaultValue List<String> extraSessions) {

	/** A few F&O stocks outside NIFTY 50 that do not trade every minute. */
	public static final String DEFAULT_NO_TRADE = "CAMS:0.2,CYIENT:0.15,DALBHARAT:0.25,KALYANKJIL:0.1";

	/**
	 * How the simulated market trades (no-trade minutes, lag, revisions, extra sessions).
	 */
	public SimTrading trading() {
		return SimTrading.parse(noTrade, intradayLag, provisionalFor, extraSessions);
	}

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
