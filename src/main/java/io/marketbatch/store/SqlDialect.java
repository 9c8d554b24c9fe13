package io.marketbatch.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What differs between the two databases market-batch writes to: each writer's upsert
 * statement, how candles are bulk-loaded, and how Quartz uses the database. PostgreSQL
 * upserts with {@code ON CONFLICT} and loads through COPY ({@link PostgresSql}); H2 has
 * neither, so it gets standard {@code MERGE} ({@link H2Sql}). Chosen once at start-up.
 */
public interface SqlDialect {

	/** The dialect of the database behind {@code dataSource}, from its product name. */
	static SqlDialect of(DataSource dataSource) {
		try (Connection connection = dataSource.getConnection()) {
			String product = connection.getMetaData().getDatabaseProductName();
			if (product.toLowerCase(Locale.ROOT).contains("postgres")) {
				return new PostgresSql();
			}
			if (product.toLowerCase(Locale.ROOT).contains("h2")) {
				return new H2Sql();
			}
			throw new IllegalStateException("unsupported database " + product + ": use PostgreSQL or H2");
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot reach the database: " + e.getMessage(), e);
		}
	}

	/**
	 * Upserts candles on the caller's transactional connection, leaving identical rows
	 * untouched; the last row of a key wins.
	 */
	void upsertCandles(JdbcTemplate jdbc, List<CandleWriter.Row> rows, OffsetDateTime updatedAt)
			throws SQLException, IOException;

	/**
	 * {@code instrument} upsert on (exchange, symbol); parameters exchange, symbol, isin,
	 * name, instrument_type, lot_size, tick_size, updated_at.
	 */
	String upsertInstrument();

	/**
	 * {@code instrument_broker_key} upsert; parameters broker, broker_key, updated_at,
	 * exchange, symbol.
	 */
	String upsertBrokerKey();

	/**
	 * {@code ltp_snapshot} insert unless (instrument_id, minute) is stored already (the
	 * stored row stays: a later capture would stamp a later price with that minute);
	 * parameters instrument_id, minute, ltp, volume, change, change_pct, prev_close,
	 * source, captured_at, traded_at. The update count is 1 for an inserted row, 0 for a
	 * kept one.
	 */
	String insertLtpSnapshot();

	/**
	 * {@code sync_status} success; parameters instrument_id, dataset, last_success_at,
	 * rows_synced, last_job_execution_id, updated_at.
	 */
	String recordSyncSuccess();

	/**
	 * {@code sync_status} error; parameters instrument_id, dataset, last_error,
	 * last_error_at, last_job_execution_id, updated_at.
	 */
	String recordSyncError();

	/**
	 * {@code candle_coverage} upsert that never narrows a stored answer; parameters
	 * instrument_id, dataset, trade_date, answered_through, no_trade_minutes, no_trade,
	 * unavailable, source, answered_at.
	 */
	String upsertCoverage();

	/** Quartz's JDBC delegate class for this database. */
	String quartzDelegate();

	/**
	 * Whether scheduler nodes sharing this database form one Quartz cluster (H2 stays
	 * single-node).
	 */
	boolean clustered();

}
