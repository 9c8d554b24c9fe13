package io.marketbatch.store;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code broker_token}: the newest token set for each broker while the service runs. The
 * secrets are read and written here and nowhere printed.
 */
public class BrokerTokenTable {

	/** One broker's token; toString masks the secrets. */
	public record StoredToken(String broker, String accessToken, @Nullable String apiKey, Instant updatedAt) {

		@Override
		public String toString() {
			return "StoredToken[broker=" + broker + ", updatedAt=" + updatedAt + "]";
		}

	}

	private final JdbcClient jdbc;

	private final TransactionTemplate transactions;

	public BrokerTokenTable(JdbcClient jdbc, TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.transactions = transactions;
	}

	public Optional<StoredToken> latest(String broker) {
		return jdbc.sql("SELECT broker, access_token, api_key, updated_at FROM broker_token WHERE broker = ?")
			.param(broker)
			.query((rs, row) -> new StoredToken(rs.getString(1), rs.getString(2), rs.getString(3),
					rs.getObject(4, OffsetDateTime.class).toInstant()))
			.optional();
	}

	/**
	 * Replaces the broker's token (one statement per database would need two dialects).
	 */
	public void save(StoredToken token) {
		OffsetDateTime at = OffsetDateTime.ofInstant(token.updatedAt(), ZoneOffset.UTC);
		transactions.executeWithoutResult(status -> {
			int updated = jdbc
				.sql("UPDATE broker_token SET access_token = ?, api_key = ?, updated_at = ? WHERE broker = ?")
				.params(token.accessToken(), token.apiKey(), at, token.broker())
				.update();
			if (updated == 0) {
				jdbc.sql("INSERT INTO broker_token (broker, access_token, api_key, updated_at) VALUES (?, ?, ?, ?)")
					.params(token.broker(), token.accessToken(), token.apiKey(), at)
					.update();
			}
		});
	}

}
