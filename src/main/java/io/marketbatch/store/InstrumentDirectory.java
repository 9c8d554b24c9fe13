package io.marketbatch.store;

import io.marketbatch.market.Instrument;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Resolves a job's {@code universe=} or {@code symbols=} to instruments, with the active
 * broker's key for each. Always ordered by symbol, so a restarted reader sees the same
 * sequence.
 */
public class InstrumentDirectory {

	private static final String SELECT = "SELECT i.id, i.exchange, i.symbol, i.isin, i.name, i.instrument_type, k.broker_key "
			+ "FROM instrument i LEFT JOIN instrument_broker_key k ON k.instrument_id = i.id AND k.broker = :broker ";

	private final JdbcClient jdbc;

	private final String broker;

	private final String exchange;

	public InstrumentDirectory(JdbcClient jdbc, String broker, String exchange) {
		this.jdbc = jdbc;
		this.broker = broker;
		this.exchange = exchange;
	}

	private static final RowMapper<Instrument> MAPPER = (rs, n) -> new Instrument(rs.getLong(1), rs.getString(2),
			rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6), rs.getString(7));

	/** A stored universe's active instruments, or a dynamic one's as of now. */
	public List<Instrument> universe(String universe) {
		if (DynamicUniverses.isDynamic(universe)) {
			return symbols(new DynamicUniverses(jdbc, exchange).resolve(universe));
		}
		return jdbc
			.sql(SELECT + "JOIN universe_member m ON m.instrument_id = i.id "
					+ "WHERE m.universe = :universe AND i.active = TRUE ORDER BY i.symbol")
			.param("broker", broker)
			.param("universe", universe)
			.query(MAPPER)
			.list();
	}

	/**
	 * Instruments of the configured exchange with these symbols, ordered by symbol;
	 * unknown ones are left out.
	 */
	public List<Instrument> symbols(List<String> symbols) {
		return symbols(exchange, symbols);
	}

	/**
	 * Instruments of {@code exchange} with these symbols, ordered by symbol; unknown ones
	 * are left out.
	 */
	public List<Instrument> symbols(String exchange, List<String> symbols) {
		List<Instrument> found = new ArrayList<>();
		// a bounded IN list per query keeps the statement small for long symbol lists
		for (int i = 0; i < symbols.size(); i += 500) {
			found.addAll(jdbc.sql(SELECT + "WHERE i.exchange = :exchange AND i.symbol IN (:symbols)")
				.param("broker", broker)
				.param("exchange", exchange)
				.param("symbols", symbols.subList(i, Math.min(symbols.size(), i + 500)))
				.query(MAPPER)
				.list());
		}
		found.sort((a, b) -> a.symbol().compareTo(b.symbol()));
		return found;
	}

	/** The requested symbols that are not in {@code instrument}, in request order. */
	public List<String> unknownSymbols(List<String> symbols) {
		return unknownSymbols(exchange, symbols);
	}

	/** The requested symbols that {@code exchange} does not list, in request order. */
	public List<String> unknownSymbols(String exchange, List<String> symbols) {
		Set<String> unknown = new LinkedHashSet<>(symbols);
		symbols(exchange, symbols).forEach(i -> unknown.remove(i.symbol()));
		return List.copyOf(unknown);
	}

	/**
	 * The exchange a universe belongs to: that of its members, when they share one; empty
	 * for an empty or mixed universe.
	 */
	public Optional<String> universeExchange(String universe) {
		List<String> exchanges = jdbc
			.sql("SELECT DISTINCT i.exchange FROM universe_member m JOIN instrument i ON i.id = m.instrument_id "
					+ "WHERE m.universe = ?")
			.param(universe)
			.query(String.class)
			.list();
		return exchanges.size() == 1 ? Optional.of(exchanges.get(0)) : Optional.empty();
	}

	/** The configured default exchange. */
	public String exchange() {
		return exchange;
	}

	public List<String> universeNames() {
		return jdbc.sql("SELECT name FROM universe ORDER BY name").query(String.class).list();
	}

	public boolean universeExists(String universe) {
		return jdbc.sql("SELECT COUNT(*) FROM universe WHERE name = ?").param(universe).query(Long.class).single() > 0;
	}

	public long instrumentCount() {
		return jdbc.sql("SELECT COUNT(*) FROM instrument").query(Long.class).single();
	}

}
