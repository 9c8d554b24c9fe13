package io.marketbatch.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * Real databases for tests: one embedded PostgreSQL server per test JVM (zonky binaries,
 * no Docker) with a fresh database per test class, and private in-memory H2 databases.
 */
public final class TestDatabases {

	private static final AtomicInteger COUNTER = new AtomicInteger();

	private static EmbeddedPostgres postgres;

	private TestDatabases() {
	}

	public static synchronized EmbeddedPostgres postgres() {
		if (postgres == null) {
			try {
				postgres = EmbeddedPostgres.builder().start();
			}
			catch (IOException e) {
				throw new UncheckedIOException("embedded PostgreSQL did not start", e);
			}
			EmbeddedPostgres started = postgres;
			Runtime.getRuntime().addShutdownHook(new Thread(() -> {
				try {
					started.close();
				}
				catch (IOException e) {
					// the JVM is going away anyway
				}
			}));
		}
		return postgres;
	}

	/**
	 * A new, empty PostgreSQL database; returns its JDBC URL (user postgres, no
	 * password).
	 */
	public static String newPostgresDatabase(String prefix) {
		String name = (prefix + "_" + COUNTER.incrementAndGet()).toLowerCase();
		try (Connection c = postgres().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
			s.execute("CREATE DATABASE " + name);
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot create database " + name, e);
		}
		return postgres().getJdbcUrl("postgres", name);
	}

	/**
	 * A new in-memory H2 database with the same settings as the default file database.
	 */
	public static String newH2Database(String prefix) {
		return "jdbc:h2:mem:" + prefix + "_" + COUNTER.incrementAndGet() + ";DB_CLOSE_DELAY=-1;NON_KEYWORDS=MINUTE";
	}

}
