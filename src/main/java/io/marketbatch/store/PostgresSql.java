package io.marketbatch.store;

import io.marketbatch.market.Candle;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.List;
import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * PostgreSQL's statements: {@code INSERT ... ON CONFLICT} that skips identical rows;
 * candles go through COPY into a session temp table and one upsert from it. Nodes on one
 * database form a Quartz cluster.
 */
public final class PostgresSql implements SqlDialect {

	private static final String COLUMNS = "instrument_id, timeframe, ts, open, high, low, close, volume, oi, source, updated_at";

	private static final String STAGE = "CREATE TEMP TABLE IF NOT EXISTS candle_stage "
			+ "(LIKE candle INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";

	private static final String CANDLE = "INSERT INTO candle (" + COLUMNS + ") SELECT " + COLUMNS
			+ " FROM candle_stage ON CONFLICT (instrument_id, timeframe, ts) DO UPDATE SET open = EXCLUDED.open, "
			+ "high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume, "
			+ "oi = EXCLUDED.oi, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at "
			+ "WHERE (candle.open, candle.high, candle.low, candle.close, candle.volume, candle.oi, candle.source) "
			+ "IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume, EXCLUDED.oi, "
			+ "EXCLUDED.source)";

	// a later answer never narrows what an earlier one covered
	private static final String COVERAGE = """
			INSERT INTO candle_coverage (instrument_id, dataset, trade_date, answered_through, no_trade_minutes, no_trade,
			  unavailable, source, answered_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (instrument_id, dataset, trade_date) DO UPDATE SET answered_through = EXCLUDED.answered_through,
			  no_trade_minutes = EXCLUDED.no_trade_minutes, no_trade = EXCLUDED.no_trade, unavailable = EXCLUDED.unavailable,
			  source = EXCLUDED.source, answered_at = EXCLUDED.answered_at
			WHERE candle_coverage.answered_through <= EXCLUDED.answered_through""";

	private static final String INSTRUMENT = """
			INSERT INTO instrument (exchange, symbol, isin, name, instrument_type, lot_size, tick_size, active, updated_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, TRUE, ?)
			ON CONFLICT (exchange, symbol) DO UPDATE SET isin = COALESCE(EXCLUDED.isin, instrument.isin),
			  name = EXCLUDED.name, instrument_type = EXCLUDED.instrument_type, lot_size = EXCLUDED.lot_size,
			  tick_size = EXCLUDED.tick_size, active = TRUE, updated_at = EXCLUDED.updated_at
			WHERE (instrument.isin, instrument.name, instrument.instrument_type, instrument.lot_size, instrument.tick_size, instrument.active)
			  IS DISTINCT FROM (COALESCE(EXCLUDED.isin, instrument.isin), EXCLUDED.name, EXCLUDED.instrument_type,
			  EXCLUDED.lot_size, EXCLUDED.tick_size, TRUE)""";

	private static final String BROKER_KEY = """
			INSERT INTO instrument_broker_key (instrument_id, broker, broker_key, updated_at)
			SELECT id, ?, ?, ? FROM instrument WHERE exchange = ? AND symbol = ?
			ON CONFLICT (instrument_id, broker) DO UPDATE SET broker_key = EXCLUDED.broker_key, updated_at = EXCLUDED.updated_at
			WHERE instrument_broker_key.broker_key <> EXCLUDED.broker_key""";

	// a stored snapshot is never replaced: a later capture carries a later price
	private static final String LTP_SNAPSHOT = """
			INSERT INTO ltp_snapshot (instrument_id, minute, ltp, volume, change, change_pct, prev_close, source, captured_at,
			  traded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (instrument_id, minute) DO NOTHING""";

	private static final String SYNC_SUCCESS = """
			INSERT INTO sync_status (instrument_id, dataset, last_success_at, rows_synced, last_job_execution_id, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (instrument_id, dataset) DO UPDATE SET last_success_at = EXCLUDED.last_success_at,
			  rows_synced = EXCLUDED.rows_synced, last_job_execution_id = EXCLUDED.last_job_execution_id,
			  updated_at = EXCLUDED.updated_at""";

	private static final String SYNC_ERROR = """
			INSERT INTO sync_status (instrument_id, dataset, last_error, last_error_at, last_job_execution_id, updated_at)
			VALUES (?, ?, ?, ?, ?, ?)
			ON CONFLICT (instrument_id, dataset) DO UPDATE SET last_error = EXCLUDED.last_error,
			  last_error_at = EXCLUDED.last_error_at, last_job_execution_id = EXCLUDED.last_job_execution_id,
			  updated_at = EXCLUDED.updated_at""";

	@Override
	public void upsertCandles(JdbcTemplate jdbc, List<CandleWriter.Row> rows, OffsetDateTime updatedAt)
			throws SQLException, IOException {
		DataSource dataSource = jdbc.getDataSource();
		if (dataSource == null) {
			throw new IllegalStateException("the JdbcTemplate of the candle writer has no DataSource");
		}
		// the chunk's transactional connection, so the rows commit or roll back with the
		// checkpoint
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute(STAGE);
			}
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY candle_stage (" + COLUMNS + ") FROM STDIN (FORMAT csv)",
						new StringReader(csv(rows, updatedAt.toString())));
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate(CANDLE);
				// ON COMMIT DELETE ROWS empties the stage at commit; clear it now too in
				// case the same transaction writes again
				statement.execute("TRUNCATE candle_stage");
			}
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	private static String csv(List<CandleWriter.Row> rows, String updatedAt) {
		StringBuilder csv = new StringBuilder(rows.size() * 96);
		for (CandleWriter.Row row : rows) {
			Candle c = row.candle();
			csv.append(c.instrumentId())
				.append(',')
				.append(c.timeframe().label())
				.append(',')
				.append(c.ts())
				.append(',')
				.append(c.open().toPlainString())
				.append(',')
				.append(c.high().toPlainString())
				.append(',')
				.append(c.low().toPlainString())
				.append(',')
				.append(c.close().toPlainString())
				.append(',')
				.append(c.volume())
				.append(',')
				.append(c.oi() == null ? "" : c.oi().toString())
				.append(',')
				.append(row.source())
				.append(',')
				.append(updatedAt)
				.append('\n');
		}
		return csv.toString();
	}

	@Override
	public String upsertInstrument() {
		return INSTRUMENT;
	}

	@Override
	public String upsertBrokerKey() {
		return BROKER_KEY;
	}

	@Override
	public String insertLtpSnapshot() {
		return LTP_SNAPSHOT;
	}

	@Override
	public String recordSyncSuccess() {
		return SYNC_SUCCESS;
	}

	@Override
	public String recordSyncError() {
		return SYNC_ERROR;
	}

	@Override
	public String upsertCoverage() {
		return COVERAGE;
	}

	@Override
	public String quartzDelegate() {
		return "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate";
	}

	@Override
	public boolean clustered() {
		return true;
	}

}
