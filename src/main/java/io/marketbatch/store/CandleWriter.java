package io.marketbatch.store;

import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import io.micrometer.core.instrument.Metrics;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceUtils;

/**
 * Idempotent writer of {@code candle}: an upsert on (instrument_id, timeframe, ts) that
 * leaves an identical row untouched, so a re-run or a restart changes nothing. On
 * PostgreSQL a chunk goes through COPY into a session temp table and one
 * {@code INSERT ... ON CONFLICT}; on H2 through a batched {@code MERGE}. Instruments
 * whose batch failed get only their error in sync_status.
 */
public class CandleWriter implements ItemWriter<CandleBatch> {

	private static final String COLUMNS = "instrument_id, timeframe, ts, open, high, low, close, volume, oi, source, updated_at";

	private static final String PG_STAGE = "CREATE TEMP TABLE IF NOT EXISTS candle_stage "
			+ "(LIKE candle INCLUDING DEFAULTS) ON COMMIT DELETE ROWS";

	private static final String PG_UPSERT = "INSERT INTO candle (" + COLUMNS + ") SELECT " + COLUMNS
			+ " FROM candle_stage ON CONFLICT (instrument_id, timeframe, ts) DO UPDATE SET open = EXCLUDED.open, "
			+ "high = EXCLUDED.high, low = EXCLUDED.low, close = EXCLUDED.close, volume = EXCLUDED.volume, "
			+ "oi = EXCLUDED.oi, source = EXCLUDED.source, updated_at = EXCLUDED.updated_at "
			+ "WHERE (candle.open, candle.high, candle.low, candle.close, candle.volume, candle.oi) "
			+ "IS DISTINCT FROM (EXCLUDED.open, EXCLUDED.high, EXCLUDED.low, EXCLUDED.close, EXCLUDED.volume, EXCLUDED.oi)";

	private static final String H2_MERGE = """
			MERGE INTO candle c USING (VALUES (CAST(? AS BIGINT), CAST(? AS VARCHAR(3)), CAST(? AS TIMESTAMP WITH TIME ZONE),
			  CAST(? AS NUMERIC(18, 4)), CAST(? AS NUMERIC(18, 4)), CAST(? AS NUMERIC(18, 4)), CAST(? AS NUMERIC(18, 4)),
			  CAST(? AS BIGINT), CAST(? AS BIGINT), CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP WITH TIME ZONE)))
			  s(instrument_id, timeframe, ts, open, high, low, close, volume, oi, source, updated_at)
			ON c.instrument_id = s.instrument_id AND c.timeframe = s.timeframe AND c.ts = s.ts
			WHEN MATCHED AND (c.open <> s.open OR c.high <> s.high OR c.low <> s.low OR c.close <> s.close
			  OR c.volume <> s.volume OR c.oi IS DISTINCT FROM s.oi) THEN UPDATE SET open = s.open, high = s.high,
			  low = s.low, close = s.close, volume = s.volume, oi = s.oi, source = s.source, updated_at = s.updated_at
			WHEN NOT MATCHED THEN INSERT (instrument_id, timeframe, ts, open, high, low, close, volume, oi, source, updated_at)
			  VALUES (s.instrument_id, s.timeframe, s.ts, s.open, s.high, s.low, s.close, s.volume, s.oi, s.source, s.updated_at)""";

	private final DataSource dataSource;

	private final JdbcTemplate jdbc;

	private final SqlDialect dialect;

	private final SyncStatusWriter syncStatus;

	private final Clock clock;

	public CandleWriter(DataSource dataSource, SqlDialect dialect, SyncStatusWriter syncStatus, Clock clock) {
		this.dataSource = dataSource;
		this.jdbc = new JdbcTemplate(dataSource);
		this.dialect = dialect;
		this.syncStatus = syncStatus;
		this.clock = clock;
	}

	@Override
	public void write(Chunk<? extends CandleBatch> chunk) throws Exception {
		List<SyncStatusWriter.Outcome> outcomes = new ArrayList<>();
		Map<Key, Row> rows = new LinkedHashMap<>();
		for (CandleBatch batch : chunk) {
			if (batch.failed()) {
				outcomes.add(new SyncStatusWriter.Outcome(batch.instrumentId(), batch.dataset(), 0, batch.error()));
				continue;
			}
			for (Candle candle : batch.candles()) {
				String problem = candle.problem();
				if (problem != null) {
					// the readers check every candle; reaching here is a bug, and no
					// invalid row may land
					throw new IllegalStateException("refusing to write an invalid candle of " + batch.symbol() + " at "
							+ candle.ts() + ": " + problem);
				}
				// ON CONFLICT cannot touch a row twice in one statement: the last value
				// of a key wins
				rows.put(new Key(candle), new Row(candle, batch.source()));
			}
			outcomes
				.add(new SyncStatusWriter.Outcome(batch.instrumentId(), batch.dataset(), batch.candles().size(), null));
		}
		upsert(List.copyOf(rows.values()));
		syncStatus.record(outcomes);
		Metrics.counter("marketbatch.rows.written", "table", "candle").increment(rows.size());
	}

	/** Upserts candles directly (used by jobs that build bars outside a chunk). */
	public void upsert(List<Row> rows) throws SQLException, IOException {
		if (rows.isEmpty()) {
			return;
		}
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		switch (dialect) {
			case POSTGRESQL -> copyAndUpsert(rows, now);
			case H2 -> jdbc.batchUpdate(H2_MERGE, rows, 1000, (ps, row) -> {
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
				ps.setObject(11, now);
			});
		}
	}

	private void copyAndUpsert(List<Row> rows, OffsetDateTime now) throws SQLException, IOException {
		// the chunk's transactional connection, so the rows commit or roll back with the
		// checkpoint
		Connection connection = DataSourceUtils.getConnection(dataSource);
		try {
			try (Statement statement = connection.createStatement()) {
				statement.execute(PG_STAGE);
			}
			String updatedAt = now.toString();
			StringBuilder csv = new StringBuilder(rows.size() * 96);
			for (Row row : rows) {
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
			connection.unwrap(PGConnection.class)
				.getCopyAPI()
				.copyIn("COPY candle_stage (" + COLUMNS + ") FROM STDIN (FORMAT csv)",
						new StringReader(csv.toString()));
			try (Statement statement = connection.createStatement()) {
				statement.executeUpdate(PG_UPSERT);
				// ON COMMIT DELETE ROWS empties the stage at commit; clear it now too in
				// case the
				// same transaction writes again
				statement.execute("TRUNCATE candle_stage");
			}
		}
		finally {
			DataSourceUtils.releaseConnection(connection, dataSource);
		}
	}

	/** A candle and the broker it came from. */
	public record Row(Candle candle, String source) {
	}

	private record Key(long instrumentId, String timeframe, java.time.Instant ts) {
		Key(Candle c) {
			this(c.instrumentId(), c.timeframe().label(), c.ts());
		}
	}

}
