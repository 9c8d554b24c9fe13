package io.marketbatch.admin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.core.env.Environment;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.JdbcUtils;
import org.springframework.jdbc.support.MetaDataAccessException;

/**
 * Whether the database already has every migration this jar ships. Then the query
 * commands skip Flyway, which alone takes about a third of their start; a new, older or
 * unreadable schema is migrated by Flyway as before.
 */
final class MigratedSchema {

	private static final Comparator<List<BigInteger>> VERSION_ORDER = (a, b) -> {
		for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
			int c = part(a, i).compareTo(part(b, i));
			if (c != 0) {
				return c;
			}
		}
		return 0;
	};

	private MigratedSchema() {
	}

	static boolean isCurrent(Environment environment, DataSource dataSource, JdbcClient jdbc) {
		try {
			Optional<List<BigInteger>> shipped = newestShipped(environment, vendor(dataSource));
			Optional<List<BigInteger>> applied = newestApplied(dataSource, jdbc,
					environment.getProperty("spring.flyway.table", "flyway_schema_history"));
			return shipped.isPresent() && applied.isPresent()
					&& VERSION_ORDER.compare(applied.get(), shipped.get()) >= 0;
		}
		catch (DataAccessException | MetaDataAccessException | UncheckedIOException e) {
			// no history table yet, or one we cannot read: let Flyway decide
			return false;
		}
	}

	/** Flyway's {vendor} placeholder, resolved the way Spring Boot resolves it. */
	private static String vendor(DataSource dataSource) throws MetaDataAccessException {
		String url = JdbcUtils.extractDatabaseMetaData(dataSource, DatabaseMetaData::getURL);
		return DatabaseDriver.fromJdbcUrl(url).getId();
	}

	private static Optional<List<BigInteger>> newestShipped(Environment environment, String vendor) {
		String[] locations = environment.getProperty("spring.flyway.locations", String[].class,
				new String[] { "classpath:db/migration" });
		PathMatchingResourcePatternResolver resolver = new PathMatchingResourcePatternResolver();
		List<List<BigInteger>> versions = new ArrayList<>();
		for (String location : locations) {
			String path = location.strip().replace("{vendor}", vendor);
			String pattern = (path.startsWith("filesystem:") ? "file:" + path.substring("filesystem:".length())
					: "classpath*:" + path.replaceFirst("^classpath:", "")) + "/**/V*__*.sql";
			try {
				for (Resource resource : resolver.getResources(pattern)) {
					String name = resource.getFilename();
					if (name != null) {
						versions.add(version(name.substring(1, name.indexOf("__"))));
					}
				}
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
		}
		return versions.stream().max(VERSION_ORDER);
	}

	/** Empty when no migration was applied; a failed one counts as not current. */
	private static Optional<List<BigInteger>> newestApplied(DataSource dataSource, JdbcClient jdbc, String table)
			throws MetaDataAccessException {
		// asked first, because a query on a missing table leaves an error in H2's trace
		// file
		boolean exists = JdbcUtils.extractDatabaseMetaData(dataSource, metaData -> {
			try (ResultSet tables = metaData.getTables(null, null, table, null)) {
				return tables.next();
			}
		});
		if (!exists) {
			return Optional.empty();
		}
		List<Optional<List<BigInteger>>> rows = jdbc
			.sql("SELECT \"version\", \"success\" FROM \"" + table + "\" WHERE \"version\" IS NOT NULL")
			.query((rs, n) -> rs.getBoolean(2) ? Optional.of(version(rs.getString(1)))
					: Optional.<List<BigInteger>>empty())
			.list();
		if (rows.stream().anyMatch(Optional::isEmpty)) {
			return Optional.empty();
		}
		return rows.stream().map(Optional::get).max(VERSION_ORDER);
	}

	/** {@code 2.1} or {@code 2_1} as [2, 1]. */
	private static List<BigInteger> version(String text) {
		return List.of(text.split("[._]")).stream().map(BigInteger::new).toList();
	}

	private static BigInteger part(List<BigInteger> version, int index) {
		return index < version.size() ? version.get(index) : BigInteger.ZERO;
	}

}
