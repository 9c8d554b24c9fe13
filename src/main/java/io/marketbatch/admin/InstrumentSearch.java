package io.marketbatch.admin;

import io.marketbatch.jobs.launch.BadJobRequestException;

import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Finds instruments by symbol, name or ISIN for the console's search box: an exact symbol
 * or ISIN first, then symbols that start with the query, then the rest by symbol.
 */
public class InstrumentSearch {

	/** At most this many answers: a search box shows a short list. */
	public static final int MAX_RESULTS = 20;

	private static final String SQL = """
			SELECT symbol, name, isin, instrument_type, exchange, active FROM instrument
			WHERE UPPER(symbol) LIKE :contains ESCAPE '!' OR UPPER(name) LIKE :contains ESCAPE '!' OR UPPER(isin) = :exact
			ORDER BY CASE WHEN UPPER(symbol) = :exact OR UPPER(isin) = :exact THEN 0
			              WHEN UPPER(symbol) LIKE :prefix ESCAPE '!' THEN 1 ELSE 2 END, symbol
			FETCH FIRST %d ROWS ONLY"""
		.formatted(MAX_RESULTS);

	private final JdbcClient jdbc;

	public InstrumentSearch(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** One answer: what the search box shows and the chart's address needs. */
	public record Match(String symbol, @Nullable String name, @Nullable String isin, String type, String exchange,
			boolean active) {
	}

	public List<Match> search(@Nullable String query) {
		String q = query == null ? "" : query.strip().toUpperCase(Locale.ROOT);
		if (q.isEmpty() || q.length() > 64) {
			throw new BadJobRequestException(
					"parameter 'q': expected 1 to 64 characters of a symbol, name or ISIN, e.g. q=RELI");
		}
		String literal = q.replace("!", "!!").replace("%", "!%").replace("_", "!_");
		return jdbc.sql(SQL)
			.param("contains", "%" + literal + "%")
			.param("prefix", literal + "%")
			.param("exact", q)
			.query((rs, n) -> new Match(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4),
					rs.getString(5), rs.getBoolean(6)))
			.list();
	}

}
