package io.marketbatch.broker;

import java.util.Optional;

/**
 * Where renewed broker tokens are kept (the {@code broker_token} table), so a token set
 * from the API or the command line reaches every process on the database without a
 * restart.
 */
public interface CredentialStore {

	/** The newest token stored for {@code broker}. */
	Optional<BrokerCredentials> latest(String broker);

	void save(String broker, BrokerCredentials credentials);

	/** No store: the configured token is all there is (tests, clients built by hand). */
	static CredentialStore none() {
		return new CredentialStore() {
			@Override
			public Optional<BrokerCredentials> latest(String broker) {
				return Optional.empty();
			}

			@Override
			public void save(String broker, BrokerCredentials credentials) {
				throw new UnsupportedOperationException("no token store in this process");
			}
		};
	}

}
