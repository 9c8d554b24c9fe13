package io.marketbatch.store;

import io.marketbatch.market.MasterInstrument;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Upserts the broker's instrument master into {@code instrument} (natural key exchange +
 * symbol) and the broker's key for each into {@code instrument_broker_key}; also replaces
 * universes.
 */
public class InstrumentWriter implements ItemWriter<MasterInstrument> {

	private static final String PG_INSTRUMENT = """
			INSERT INTO instrument (exchange, symbol, isin, name, instrument_type, lot_size, tick_size, active, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?)
			ON CONFLICT (exchange, symbol) DO UPDATE SET isin = COALESCE(EXCLUDED.isin, instrument.isin),
			  name = EXCLUDED.name, instrument_type = EXCLUDED.instrument_type, lot_size = EXCLUDED.lot_size,
			  tick_size = EXCLUDED.tick_size, active = TRUE, updated_at = EXCLUDED.updated_at
			WHERE (instrument.isin, instrument.name, instrument.instrument_type, instrument.lot_size, instrument.tick_size, instrument.active)
			  IS DISTINCT FROM (COALESCE(EXCLUDED.isin, instrument.isin), EXCLUDED.name, EXCLUDED.instrument_type,
			  EXCLUDED.lot_size, EXCLUDED.tick_size, TRUE)""";

	private static final String H2_INSTRUMENT = """
			MERGE INTO instrument t USING (VALUES (CAST(? AS VARCHAR(16)), CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(12)),
			  CAST(? AS VARCHAR(200)), CAST(? AS VARCHAR(16)), CAST(? AS INTEGER), CAST(? AS NUMERIC(12, 4)),
			  CAST(? AS TIMESTAMP WITH TIME ZONE)))
			  s(exchange, symbol, isin, name, instrument_type, lot_size, tick_size, updated_at)
			ON t.exchange = s.exchange AND t.symbol = s.symbol
			WHEN MATCHED AND (t.isin IS DISTINCT FROM COALESCE(s.isin, t.isin) OR t.name IS DISTINCT FROM s.name
			  OR t.instrument_type <> s.instrument_type OR t.lot_size IS DISTINCT FROM s.lot_size
			  OR t.tick_size IS DISTINCT FROM s.tick_size OR t.active = FALSE) THEN UPDATE SET isin = COALESCE(s.isin, t.isin),
			  name = s.name, instrument_type = s.instrument_type, lot_size = s.lot_size, tick_size = s.tick_size,
			  active = TRUE, updated_at = s.updated_at
			WHEN NOT MATCHED THEN INSERT (exchange, symbol, isin, name, instrument_type, lot_size, tick_size, active, updated_at)
			  VALUES (s.exchange, s.symbol, s.isin, s.name, s.instrument_type, s.lot_size, s.tick_size, TRUE, s.updated_at)""";

	private static final String PG_KEY = """
			INSERT INTO instrument_broker_key (instrument_id, broker, broker_key, updated_at)
			SELECT id, ?, ?, ? FROM instrument WHERE exchange = ? AND symbol = ?
			ON CONFLICT (instrument_id, broker) DO UPDATE SET broker_key = EXCLUDED.broker_key, updated_at = EXCLUDED.updated_at
			WHERE instrument_broker_key.broker_key <> EXCLUDED.broker_key""";

	private static final String H2_KEY = """
			MERGE INTO instrument_broker_key t USING (SELECT id AS instrument_id, CAST(? AS VARCHAR(16)) AS broker,
			  CAST(? AS VARCHAR(128)) AS broker_key, CAST(? AS TIMESTAMP WITH TIME ZONE) AS updated_at
			  FROM instrument WHERE exchange = ? AND symbol = ?) s
			ON t.instrument_id = s.instrument_id AND t.broker = s.broker
			WHEN MATCHED AND t.broker_key <> s.broker_key THEN UPDATE SET broker_key = s.broker_key, updated_at = s.updated_at
			WHEN NOT MATCHED THEN INSERT (instrument_id, broker, broker_key, updated_at)
			  VALUES (s.instrument_id, s.broker, s.broker_key, s.updated_at)""";

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
		boolean pg = dialect == SqlDialect.POSTGRESQL;
		jdbc.batchUpdate(pg ? PG_INSTRUMENT : H2_INSTRUMENT, rows, 1000, (ps, m) -> {
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
		jdbc.batchUpdate(pg ? PG_KEY : H2_KEY, keyed, 1000, (ps, m) -> {
			ps.setString(1, broker);
			ps.setString(2, m.brokerKey());
			ps.setObject(3, now);
			ps.setString(4, m.exchange());
			ps.setString(5, m.symbol());
		});
	}

	/**
	 * Replaces each universe's membership with the given symbols of {@code exchange};
	 * symbols not in {@code instrument} are left out. Returns the member count per
	 * universe.
	 */
	public Map<String, Integer> replaceUniverses(String exchange, Map<String, List<String>> universes, String source,
			Map<String, String> descriptions) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		Map<String, Integer> counts = new java.util.LinkedHashMap<>();
		universes.forEach((name, symbols) -> {
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
						ps.setString(1, name);
						ps.setString(2, exchange);
						ps.setString(3, symbol);
					});
			counts.put(name, jdbc.queryForObject("SELECT COUNT(*) FROM universe_member WHERE universe = ?",
					Integer.class, name));
		});
		return counts;
	}

}
