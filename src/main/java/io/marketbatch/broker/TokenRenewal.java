package io.marketbatch.broker;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Sets a new broker token without a restart (the admin API and {@code token set}): stored
 * where every process on the database reads it; the broker of this process stops being
 * latched at once, other processes notice within seconds.
 */
public class TokenRenewal {

	/** The brokers a token can be set for. */
	public static final List<String> BROKERS = List.of("sim", "upstox", "kite", "dhan", "fyers");

	private final CredentialStore store;

	private final MarketDataSource broker;

	public TokenRenewal(CredentialStore store, MarketDataSource broker) {
		this.store = store;
		this.broker = broker;
	}

	/**
	 * Stores the token and, when it is this process's broker, lifts a rejection latch.
	 * @return the rejection still in force for this process's broker (none once renewed)
	 * @throws IllegalArgumentException for an unknown broker or a blank token
	 */
	public Optional<TokenRejection> renew(String brokerName, String accessToken, Optional<String> apiKey) {
		if (!BROKERS.contains(brokerName)) {
			throw new IllegalArgumentException(
					"unknown broker '" + brokerName + "': the brokers are " + String.join(", ", BROKERS));
		}
		if (accessToken.isBlank()) {
			throw new IllegalArgumentException("accessToken is empty");
		}
		// wall time, not the service clock: the newest token must win across processes
		store.save(brokerName, new BrokerCredentials(accessToken.strip(),
				apiKey.map(String::strip).filter(k -> !k.isEmpty()).orElse(null), Instant.now()));
		if (broker.name().equals(brokerName) && broker instanceof RetryingMarketDataSource retrying) {
			return retrying.lookForRenewal();
		}
		return Optional.empty();
	}

}
