package io.marketbatch.broker;

import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The token a broker client sends with each request: the configured one as the fallback,
 * a stored one (set through the API or the command line) when it is newer. Clients ask on
 * every request instead of fixing the token when built, so a renewal needs no restart.
 */
public final class TokenProvider implements Supplier<Optional<BrokerCredentials>> {

	private static final Logger log = LoggerFactory.getLogger(TokenProvider.class);

	private final String broker;

	private final Optional<BrokerCredentials> configured;

	private final CredentialStore store;

	private volatile @Nullable BrokerCredentials current;

	private volatile boolean loaded;

	public TokenProvider(String broker, @Nullable String accessToken, @Nullable String apiKey, CredentialStore store) {
		this.broker = broker;
		this.configured = (accessToken == null || accessToken.isBlank()) ? Optional.empty()
				: Optional.of(new BrokerCredentials(accessToken, apiKey, Instant.EPOCH));
		this.store = store;
		this.current = configured.orElse(null);
	}

	/** A fixed token (clients built by hand, tests). */
	public static TokenProvider fixed(String broker, @Nullable String accessToken, @Nullable String apiKey) {
		return new TokenProvider(broker, accessToken, apiKey, CredentialStore.none());
	}

	public String broker() {
		return broker;
	}

	/** The token to send now; empty when none is configured or stored. */
	@Override
	public Optional<BrokerCredentials> get() {
		if (!loaded) {
			refresh();
		}
		return Optional.ofNullable(current);
	}

	/**
	 * Looks in the store for a token newer than the one in use.
	 * @return whether the token in use changed
	 */
	public synchronized boolean refresh() {
		Optional<BrokerCredentials> stored;
		try {
			stored = store.latest(broker);
		}
		catch (RuntimeException e) {
			log.debug("cannot read the stored {} token: {}", broker, e.getMessage());
			return false;
		}
		loaded = true;
		if (stored.isEmpty()) {
			return false;
		}
		BrokerCredentials newer = stored.get();
		// a stored token without an API key keeps the configured key
		if (newer.apiKey() == null && configured.isPresent()) {
			newer = new BrokerCredentials(newer.accessToken(), configured.get().apiKey(), newer.issuedAt());
		}
		// the store holds only the newest token set: one unlike ours is newer
		if (newer.equals(current)) {
			return false;
		}
		current = newer;
		return true;
	}

}
