package io.marketbatch.store;

import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpBatch;
import io.marketbatch.market.LtpQuote;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.micrometer.core.instrument.Metrics;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/** Batched, idempotent upsert of {@code ltp_snapshot} on (instrument_id, minute). */
public class LtpSnapshotWriter implements ItemWriter<LtpBatch> {

	public static final String DATASET = "ltp";

	private static final String PG_UPSERT = """
			INSERT INTO ltp_snapshot (instrument_id, minute, ltp, volume, change, change_pct, prev_close, source, captured_at)
			VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (instrument_id, minute) DO UPDATE SET ltp = EXCLUDED.ltp, volume = EXCLUDED.volume,
			  change = EXCLUDED.change, change_pct = EXCLUDED.change_pct, prev_close = EXCLUDED.prev_close,
			  source = EXCLUDED.source, captured_at = EXCLUDED.captured_at
			WHERE (ltp_snapshot.ltp, ltp_snapshot.volume, ltp_snapshot.change, ltp_snapshot.change_pct)
			  IS DISTINCT FROM (EXCLUDED.ltp, EXCLUDED.volume, EXCLUDED.change, EXCLUDED.change_pct)""";

	private static final String H2_MERGE = """
			MERGE INTO ltp_snapshot t USING (VALUES (CAST(? AS BIGINT), CAST(? AS TIMESTAMP WITH TIME ZONE),
			  CAST(? AS NUMERIC(18, 4)), CAST(? AS BIGINT), CAST(? AS NUMERIC(18, 4)), CAST(? AS NUMERIC(12, 4)),
			  CAST(? AS NUMERIC(18, 4)), CAST(? AS VARCHAR(16)), CAST(? AS TIMESTAMP WITH TIME ZONE)))
			  s(instrument_id, minute, ltp, volume, change, change_pct, prev_close, source, captured_at)
			ON t.instrument_id = s.instrument_id AND t.minute = s.minute
			WHEN MATCHED AND (t.ltp <> s.ltp OR t.volume IS DISTINCT FROM s.volume OR t.change IS DISTINCT FROM s.change
			  OR t.change_pct IS DISTINCT FROM s.change_pct) THEN UPDATE SET ltp = s.ltp, volume = s.volume,
			  change = s.change, change_pct = s.change_pct, prev_close = s.prev_close, source = s.source,
			  captured_at = s.captured_at
			WHEN NOT MATCHED THEN INSERT (instrument_id, minute, ltp, volume, change, change_pct, prev_close, source, captured_at)
			  VALUES (s.instrument_id, s.minute, s.ltp, s.volume, s.change, s.change_pct, s.prev_close, s.source, s.captured_at)""";

	private final JdbcTemplate jdbc;

	private final SqlDialect dialect;

	private final SyncStatusWriter syncStatus;

	private final Clock clock;

	public LtpSnapshotWriter(JdbcTemplate jdbc, SqlDialect dialect, SyncStatusWriter syncStatus, Clock clock) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.syncStatus = syncStatus;
		this.clock = clock;
	}

	@Override
	public void write(Chunk<? extends LtpBatch> chunk) {
		OffsetDateTime now = OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
		List<Row> rows = new ArrayList<>();
		List<SyncStatusWriter.Outcome> outcomes = new ArrayList<>();
		for (LtpBatch batch : chunk) {
			Set<Long> quoted = new HashSet<>();
			for (LtpQuote quote : batch.quotes()) {
				if (quote.ltp() == null || quote.ltp().signum() <= 0) {
					outcomes.add(new SyncStatusWriter.Outcome(quote.instrumentId(), DATASET, 0,
							"broker returned a non-positive last price " + quote.ltp()));
					continue;
				}
				rows.add(new Row(quote, batch.source()));
				quoted.add(quote.instrumentId());
				outcomes.add(new SyncStatusWriter.Outcome(quote.instrumentId(), DATASET, 1, null));
			}
			for (Instrument instrument : batch.requested()) {
				if (!quoted.contains(instrument.id())
						&& outcomes.stream().noneMatch(o -> o.instrumentId() == instrument.id())) {
					outcomes.add(new SyncStatusWriter.Outcome(instrument.id(), DATASET, 0,
							"no quote in the broker's answer"));
				}
			}
		}
		jdbc.batchUpdate(dialect == SqlDialect.POSTGRESQL ? PG_UPSERT : H2_MERGE, rows, 500, (ps, row) -> {
			LtpQuote q = row.quote();
			ps.setLong(1, q.instrumentId());
			ps.setObject(2, q.minute().atOffset(ZoneOffset.UTC));
			ps.setBigDecimal(3, q.ltp());
			ps.setObject(4, q.volume());
			ps.setBigDecimal(5, q.change());
			ps.setBigDecimal(6, q.changePct());
			ps.setBigDecimal(7, q.prevClose());
			ps.setString(8, row.source());
			ps.setObject(9, now);
		});
		syncStatus.record(outcomes);
		Metrics.counter("marketbatch.rows.written", "table", "ltp_snapshot").increment(rows.size());
	}

	private record Row(LtpQuote quote, String source) {
	}

}
