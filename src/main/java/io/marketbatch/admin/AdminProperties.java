package io.marketbatch.admin;

import java.nio.file.Path;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The admin API's bearer token ({@code marketbatch.admin.*}). Secrets are never printed:
 * toString masks the token.
 *
 * @param token the token (or MARKETBATCH_ADMIN_TOKEN); unset: the one in
 * {@code tokenFile}, generated at first start
 * @param tokenFile where a generated token is saved, owner-only
 */
@ConfigurationProperties("marketbatch.admin")
public record AdminProperties(@Nullable String token, @DefaultValue("data/admin-token") Path tokenFile) {

	@Override
	public String toString() {
		return "AdminProperties[token=" + (token == null ? "unset" : "******") + ", tokenFile=" + tokenFile + "]";
	}

}
