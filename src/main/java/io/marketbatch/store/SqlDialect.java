package io.marketbatch.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

/**
 * The two databases market-batch writes to. PostgreSQL upserts with {@code ON CONFLICT}
 * (and bulk loads through COPY); H2 has neither, so it gets standard {@code MERGE}.
 * Chosen once at start-up.
 */
public enum SqlDialect {

	POSTGRESQL, H2;

	public static SqlDialect of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName();
			if (product.toLowerCase().contains("postgres")) {
				return POSTGRESQL;
			}
			if (product.toLowerCase().contains("h2")) {
				return H2;
			}
			throw new IllegalStateException("unsupported database " + product + ": use PostgreSQL or H2");
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
		}
	}

}
