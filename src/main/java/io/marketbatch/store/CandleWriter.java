package io.marketbatch.store;

import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;

import java.io.IOException;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

import io.micrometer.core.instrument.Metrics;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Idempotent writer of {@code candle}: an upsert on (instrument_id, timeframe, ts) that
 * leaves an identical row untouched, so a re-run or a restart changes nothing; the
 * {@link SqlDialect} loads the chunk (COPY on PostgreSQL, a batched MERGE on H2).
 * Instruments whose batch failed get only their error in sync_status; days a broker no
 * longer keeps are noted there as unavailable beside the success. What the broker
 * answered goes to {@link CandleCoverage} with the rows.
 */
public class CandleWriter implements ItemWriter<CandleBatch> {

	private final JdbcTemplate jdbc;

	private final SqlDialect dialect;

	private final SyncStatusWriter syncStatus;

	private final CandleCoverage coverage;

	private final Clock clock;

	public CandleWriter(DataSource dataSource, SqlDialect dialect, SyncStatusWriter syncStatus, CandleCoverage coverage,
			Clock clock) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.dialect = dialect;
		this.syncStatus = syncStatus;
		this.coverage = coverage;
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
				Optional<String> problem = candle.problem();
				if (problem.isPresent()) {
					// the readers check every candle; reaching here is a bug, and no
					// invalid row may land
					throw new IllegalStateException("refusing to write an invalid candle of " + batch.symbol() + " at "
							+ candle.ts() + ": " + problem.get());
				}
				// ON CONFLICT cannot touch a row twice in one statement: the last value
				// of a key wins
				rows.put(new Key(candle), new Row(candle, batch.source()));
			}
			outcomes
				.add(new SyncStatusWriter.Outcome(batch.instrumentId(), batch.dataset(), batch.candles().size(), null));
			// days before the broker's history depth: a success, with the note where
			// sync_status keeps its last word
			batch.unavailable()
				.ifPresent(note -> outcomes
					.add(new SyncStatusWriter.Outcome(batch.instrumentId(), batch.dataset(), 0, note)));
		}
		upsert(List.copyOf(rows.values()));
		// what the broker answered, in the same transaction as the candles it explains
		coverage.record(chunk.getItems().stream().filter(b -> b.dataset().equals(CandleBatch.MINUTE_DATASET)).toList(),
				clock.instant());
		syncStatus.record(outcomes);
		Metrics.counter("marketbatch.rows.written", "table", "candle").increment(rows.size());
	}

	/** Upserts candles directly (used by jobs that build bars outside a chunk). */
	public void upsert(List<Row> rows) throws SQLException, IOException {
		if (rows.isEmpty()) {
			return;
		}
		dialect.upsertCandles(jdbc, rows, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
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
