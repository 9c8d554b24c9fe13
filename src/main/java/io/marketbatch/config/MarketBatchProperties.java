package io.marketbatch.config;

import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The top-level {@code marketbatch.*} keys every part reads; each also comes from the
 * environment (MARKETBATCH_BROKER, ...). Each broker's account, the retry, the simulated
 * market, the schedule and the admin token have their own records beside their users.
 *
 * @param broker which broker feeds the jobs: sim (simulated, no credentials), upstox,
 * kite, dhan, fyers
 * @param universe the universe a job covers when it is given neither universe= nor
 * symbols=
 * @param exchange exchange whose calendar gates the jobs
 * @param concurrency broker requests in flight at once inside one step (never above the
 * broker's rate limit)
 * @param progress show a progress bar on the console for long runs
 * @param now pretend the time is this instant (demos and tests); unset: the system clock
 * @param calendar the exchange calendar's settings
 * @param service whether this process is the long-running service (set by the launcher;
 * commands run with false)
 */
@ConfigurationProperties("marketbatch")
public record MarketBatchProperties(@DefaultValue("sim") String broker, @DefaultValue("FNO") String universe,
		@DefaultValue("NSE") String exchange, @DefaultValue("4") int concurrency,
		@DefaultValue("true") boolean progress, @Nullable Instant now, @DefaultValue Calendar calendar,
		@DefaultValue("false") boolean service) {

	/** The pretended current instant, if one is set. */
	public Optional<Instant> pretendedNow() {
		return Optional.ofNullable(now);
	}

	/**
	 * The exchange calendar's settings.
	 *
	 * @param alwaysOpen every day a trading day with one 00:00-23:59 session (demos and
	 * tests)
	 */
	public record Calendar(@DefaultValue("false") boolean alwaysOpen) {
	}

}
