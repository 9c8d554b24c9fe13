package io.marketbatch;

import io.marketbatch.broker.BrokerCredentials;
import io.marketbatch.broker.CredentialStore;
import io.marketbatch.store.BrokerTokenTable;

import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Renewed broker tokens, kept in the database: the one place that connects the broker's
 * {@link CredentialStore} port to the store's table, so neither feature knows the other.
 */
@Configuration(proxyBeanMethods = false)
public class CredentialsConfiguration {

	/** The broker layer reads and saves renewed tokens through this port. */
	@Bean
	CredentialStore credentialStore(BrokerTokenTable table) {
		return new CredentialStore() {
			@Override
			public Optional<BrokerCredentials> latest(String broker) {
				return table.latest(broker).map(t -> new BrokerCredentials(t.accessToken(), t.apiKey(), t.updatedAt()));
			}

			@Override
			public void save(String broker, BrokerCredentials credentials) {
				table.save(new BrokerTokenTable.StoredToken(broker, credentials.accessToken(), credentials.apiKey(),
						credentials.issuedAt()));
			}
		};
	}

}
