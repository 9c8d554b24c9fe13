package io.marketbatch.broker.sim;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerCredentials;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The simulated broker's access token, which dies as a real one does: daily at a time of
 * day (Upstox: 03:30 IST, whenever it was made) or, for tests, after N requests. A token
 * it has not seen before is a new one and lives again; a dead one stays dead.
 */
public class SimToken {

	private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

	private final Clock clock;

	private final Optional<LocalTime> expiresAt;

	private final Optional<Long> expiresAfterRequests;

	private final Supplier<Optional<BrokerCredentials>> presented;

	private final Set<String> dead = new HashSet<>();

	private Optional<String> current = Optional.empty();

	private Instant issuedAt = Instant.EPOCH;

	private long requests;

	public SimToken(Clock clock, Optional<LocalTime> expiresAt, Optional<Long> expiresAfterRequests,
			Supplier<Optional<BrokerCredentials>> presented) {
		this.clock = clock;
		this.expiresAt = expiresAt;
		this.expiresAfterRequests = expiresAfterRequests;
		this.presented = presented;
	}

	/** A token that never expires. */
	public static SimToken immortal() {
		return new SimToken(Clock.systemUTC(), Optional.empty(), Optional.empty(), Optional::empty);
	}

	/** One request with the token presented now; rejected when that token has died. */
	synchronized void check(long request, String what) {
		String token = presented.get().map(BrokerCredentials::accessToken).orElse("sim");
		if (current.isEmpty() || !current.get().equals(token)) {
			if (dead.contains(token)) {
				throw rejected(request, what);
			}
			current = Optional.of(token);
			issuedAt = clock.instant();
			requests = 0;
		}
		requests++;
		boolean used = expiresAfterRequests.map(n -> requests > n).orElse(false);
		boolean late = expiresAt.map(at -> !clock.instant().isBefore(expiry(issuedAt, at))).orElse(false);
		if (used || late) {
			dead.add(token);
			throw rejected(request, what);
		}
	}

	/** The first {@code at} (IST) after the token was made. */
	static Instant expiry(Instant issuedAt, LocalTime at) {
		ZonedDateTime made = issuedAt.atZone(IST);
		ZonedDateTime expiry = made.toLocalDate().atTime(at).atZone(IST);
		return (expiry.isAfter(made) ? expiry : expiry.plusDays(1)).toInstant();
	}

	private static BrokerAuthException rejected(long request, String what) {
		return new BrokerAuthException("sim: the broker rejected the access token (request " + request + ": " + what
				+ "; it has expired); set a new one: PUT /api/brokers/sim/token or `token set sim <token>`");
	}

}
