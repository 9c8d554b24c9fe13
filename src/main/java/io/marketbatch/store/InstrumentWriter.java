package io.marketbatch.store;

import io.marketbatch.market.MasterInstrument;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upserts the broker's instrument master into {@code instrument} (natural key exchange +
 * symbol) and the broker's key for each into {@code instrument_broker_key}; also replaces
 * universes.
 */
public class InstrumentWriter implements ItemWriter<MasterInstrument> {

	private static final Logger log = LoggerFactory.getLogger(InstrumentWriter.class);

	private final JdbcTemplate jdbc;

	private final SqlDialect dialect;

	private final String broker;

	private final Clock clock;

	public InstrumentWriter(JdbcTemplate jdbc, SqlDialect dialect, String broker, Clock clock) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.broker = broker;
		this.clock = clock;
	}

	@Override
	public void write(Chunk<? extends MasterInstrument> chunk) {
		write(chunk.getItems());
	}

	public void write(List<? extends MasterInstrument> rows) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		jdbc.batchUpdate(dialect.upsertInstrument(), rows, 1000, (ps, m) -> {
			ps.setString(1, m.exchange());
			ps.setString(2, m.symbol());
			ps.setString(3, m.isin());
			ps.setString(4, m.name());
			ps.setString(5, m.type());
			ps.setObject(6, m.lotSize());
			ps.setBigDecimal(7, m.tickSize());
			ps.setObject(8, now);
		});
		List<? extends MasterInstrument> keyed = rows.stream().filter(m -> m.brokerKey() != null).toList();
		jdbc.batchUpdate(dialect.upsertBrokerKey(), keyed, 1000, (ps, m) -> {
			ps.setString(1, broker);
			ps.setString(2, m.brokerKey());
			ps.setObject(3, now);
			ps.setString(4, m.exchange());
			ps.setString(5, m.symbol());
		});
	}

	/**
	 * Replaces each universe's membership with the given symbols of {@code exchange} (a
	 * symbol written {@code MCX:CRUDEOIL} is of that exchange); symbols not in
	 * {@code instrument} are left out. A custom universe of the same name (made before a
	 * release shipped that name) is kept as it is. Returns the member count per replaced
	 * universe.
	 */
	public Map<String, Integer> replaceUniverses(String exchange, Map<String, List<String>> universes, String source,
			Map<String, String> descriptions) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		universes.forEach((name, symbols) -> {
			if (jdbc.queryForObject("SELECT COUNT(*) FROM universe WHERE name = ? AND source = ?", Integer.class, name,
					UniverseStore.CUSTOM) > 0) {
				log.warn("universe {} is a custom list: kept as it is, not replaced by the broker's {}", name, source);
				return;
			}
			int updated = jdbc.update("UPDATE universe SET description = ?, source = ?, updated_at = ? WHERE name = ?",
					descriptions.getOrDefault(name, name), source, now, name);
			if (updated == 0) {
				jdbc.update("INSERT INTO universe (name, description, source, updated_at) VALUES (?, ?, ?, ?)", name,
						descriptions.getOrDefault(name, name), source, now);
			}
			jdbc.update("DELETE FROM universe_member WHERE universe = ?", name);
			jdbc.batchUpdate(
					"INSERT INTO universe_member (universe, instrument_id) SELECT ?, id FROM instrument WHERE exchange = ? AND symbol = ?",
					List.copyOf(new java.util.LinkedHashSet<>(symbols)), 1000, (ps, symbol) -> {
						int colon = symbol.indexOf(':');
						ps.setString(1, name);
						ps.setString(2, colon > 0 ? symbol.substring(0, colon) : exchange);
						ps.setString(3, symbol.substring(colon + 1));
					});
			counts.put(name, jdbc.queryForObject("SELECT COUNT(*) FROM universe_member WHERE universe = ?",
					Integer.class, name));
		});
		return counts;
	}

}
