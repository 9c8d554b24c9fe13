package io.marketbatch.broker;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A broker token as the clients use it: the access token, the API key where the broker
 * needs one with it (Kite), and when it was issued to us. Never printed: toString masks
 * the secrets.
 *
 * @param accessToken the access token
 * @param apiKey the API key (Kite); unset: the configured one
 * @param issuedAt when it was set: a stored token newer than the one in use replaces it
 */
public record BrokerCredentials(String accessToken, @Nullable String apiKey, Instant issuedAt) {

	@Override
	public String toString() {
		return "BrokerCredentials[accessToken=******, apiKey=" + (apiKey == null ? "unset" : "******") + ", issuedAt="
				+ issuedAt + "]";
	}

}
