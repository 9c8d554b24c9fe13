package io.marketbatch.store;

import io.marketbatch.market.Candle;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * H2's statements: standard {@code MERGE} with typed {@code VALUES}, since H2 has no
 * {@code ON CONFLICT}; candles go in a batched MERGE. Single-node Quartz.
 */
public final class H2Sql implements SqlDialect {

	private static final String CANDLE = """
			MERGE INTO candle c USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(3)), CAST(? AS TIMESTAMP WITH TIME ZONE),
			  CAST(? AS NUMERIC(18, 4)), CAST(? AS NUMERIC(18, 4)), CAST(? AS NUMERIC(18, 4)), CAST(? AS NUMERIC(18, 4)),
			  CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP WITH TIME ZONE)))
			  s(instrument_id, timeframe, ts, open, high, low, close, volume, oi, source, updated_at)
			ON c.instrument_id = s.instrument_id AND c.timeframe = s.timeframe AND c.ts = s.ts
			WHEN MATCHED AND (c.open <> s.open OR c.high <> s.high OR c.low <> s.low OR c.close <> s.close
			  OR c.volume <> s.volume OR c.oi IS DISTINCT FROM s.oi OR c.source <> s.source) THEN UPDATE SET open = s.open, high = s.high,
			  low = s.low, close = s.close, volume = s.volume, oi = s.oi, source = s.source, updated_at = s.updated_at
			WHEN NOT MATCHED THEN INSERT (instrument_id, timeframe, ts, open, high, low, close, volume, oi, source, updated_at)
			  VALUES (s.instrument_id, s.timeframe, s.ts, s.open, s.high, s.low, s.close, s.volume, s.oi, s.source, s.updated_at)""";

	// a later answer never narrows what an earlier one covered
	private static final String COVERAGE = """
			MERGE INTO candle_coverage c USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(16)), CAST(? AS DATE),
			  CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS INTEGER), CAST(? AS VARCHAR(4000)), CAST(? AS BOOLEAN),
			  CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP WITH TIME ZONE)))
			  s(instrument_id, dataset, trade_date, answered_through, no_trade_minutes, no_trade, unavailable, source, answered_at)
			ON c.instrument_id = s.instrument_id AND c.dataset = s.dataset AND c.trade_date = s.trade_date
			WHEN MATCHED AND c.answered_through <= s.answered_through THEN UPDATE SET answered_through = s.answered_through,
			  no_trade_minutes = s.no_trade_minutes, no_trade = s.no_trade, unavailable = s.unavailable, source = s.source,
			  answered_at = s.answered_at
			WHEN NOT MATCHED THEN INSERT (instrument_id, dataset, trade_date, answered_through, no_trade_minutes, no_trade,
			  unavailable, source, answered_at) VALUES (s.instrument_id, s.dataset, s.trade_date, s.answered_through,
			  s.no_trade_minutes, s.no_trade, s.unavailable, s.source, s.answered_at)""";

	private static final String INSTRUMENT = """
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

	private static final String BROKER_KEY = """
			MERGE INTO instrument_broker_key t USING (SELECT id AS instrument_id, CAST(? AS VARCHAR(16)) AS broker,
			  CAST(? AS VARCHAR(128)) AS broker_key, CAST(? AS TIMESTAMP WITH TIME ZONE) AS updated_at
			  FROM instrument WHERE exchange = ? AND symbol = ?) s
			ON t.instrument_id = s.instrument_id AND t.broker = s.broker
			WHEN MATCHED AND t.broker_key <> s.broker_key THEN UPDATE SET broker_key = s.broker_key, updated_at = s.updated_at
			WHEN NOT MATCHED THEN INSERT (instrument_id, broker, broker_key, updated_at)
			  VALUES (s.instrument_id, s.broker, s.broker_key, s.updated_at)""";

	// a stored snapshot is never replaced: a later capture carries a later price
	private static final String LTP_SNAPSHOT = """
			MERGE INTO ltp_snapshot t USING (VALUES (CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE),
			  CAST(? AS NUMERIC(18, 4)), CAST(? AS BIGINT), CAST(? AS NUMERIC(18, 4)), CAST(? AS NUMERIC(12, 4)),
			  CAST(? AS NUMERIC(18, 4)), CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP WITH TIME ZONE),
			  CAST(? AS TIMESTAMP WITH TIME ZONE)))
			  s(instrument_id, minute, ltp, volume, change, change_pct, prev_close, source, captured_at, traded_at)
			ON t.instrument_id = s.instrument_id AND t.minute = s.minute
			WHEN NOT MATCHED THEN INSERT (instrument_id, minute, ltp, volume, change, change_pct, prev_close, source,
			  captured_at, traded_at)
			  VALUES (s.instrument_id, s.minute, s.ltp, s.volume, s.change, s.change_pct, s.prev_close, s.source,
			  s.captured_at, s.traded_at)""";

	private static final String SYNC_SUCCESS = """
			MERGE INTO sync_status t USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(32)),
			  CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE)))
			  s(instrument_id, dataset, last_success_at, rows_synced, last_job_execution_id, updated_at)
			ON t.instrument_id = s.instrument_id AND t.dataset = s.dataset
			WHEN MATCHED THEN UPDATE SET last_success_at = s.last_success_at, rows_synced = s.rows_synced,
			  last_job_execution_id = s.last_job_execution_id, updated_at = s.updated_at
			WHEN NOT MATCHED THEN INSERT (instrument_id, dataset, last_success_at, rows_synced, last_job_execution_id, updated_at)
			  VALUES (s.instrument_id, s.dataset, s.last_success_at, s.rows_synced, s.last_job_execution_id, s.updated_at)""";

	private static final String SYNC_ERROR = """
			MERGE INTO sync_status t USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(32)),
			  CAST(? AS VARCHAR(2000)), CAST(? AS TIMESTAMP WITH TIME ZONE), CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE)))
			  s(instrument_id, dataset, last_error, last_error_at, last_job_execution_id, updated_at)
			ON t.instrument_id = s.instrument_id AND t.dataset = s.dataset
			WHEN MATCHED THEN UPDATE SET last_error = s.last_error, last_error_at = s.last_error_at,
			  last_job_execution_id = s.last_job_execution_id, updated_at = s.updated_at
			WHEN NOT MATCHED THEN INSERT (instrument_id, dataset, last_error, last_error_at, last_job_execution_id, updated_at)
			  VALUES (s.instrument_id, s.dataset, s.last_error, s.last_error_at, s.last_job_execution_id, s.updated_at)""";

	@Override
	public void upsertCandles(JdbcTemplate jdbc, List<CandleWriter.Row> rows, OffsetDateTime updatedAt) {
		jdbc.batchUpdate(CANDLE, rows, 1000, (ps, row) -> {
			Candle c = row.candle();
			ps.setLong(1, c.instrumentId());
			ps.setString(2, c.timeframe().label());
			ps.setObject(3, c.ts().atOffset(ZoneOffset.UTC));
			ps.setBigDecimal(4, c.open());
			ps.setBigDecimal(5, c.high());
			ps.setBigDecimal(6, c.low());
			ps.setBigDecimal(7, c.close());
			ps.setLong(8, c.volume());
			ps.setObject(9, c.oi());
			ps.setString(10, row.source());
			ps.setObject(11, updatedAt);
		});
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
		return "org.quartz.impl.jdbcjobstore.StdJDBCDelegate";
	}

	@Override
	public boolean clustered() {
		return false;
	}

}
