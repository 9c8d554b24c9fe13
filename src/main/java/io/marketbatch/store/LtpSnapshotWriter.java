package io.marketbatch.store;

import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpBatch;
import io.marketbatch.market.LtpQuote;

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

/**
 * Batched insert of {@code ltp_snapshot} on (instrument_id, minute) that never replaces a
 * stored row: the first capture of a minute stands.
 */
public class LtpSnapshotWriter implements ItemWriter<LtpBatch> {

	public static final String DATASET = "ltp";

	private final JdbcTemplate jdbc;

	private final SqlDialect dialect;

	private final SyncStatusWriter syncStatus;

	public LtpSnapshotWriter(JdbcTemplate jdbc, SqlDialect dialect, SyncStatusWriter syncStatus) {
		this.jdbc = jdbc;
		this.dialect = dialect;
		this.syncStatus = syncStatus;
	}

	@Override
	public void write(Chunk<? extends LtpBatch> chunk) {
		List<Row> rows = new ArrayList<>();
		List<SyncStatusWriter.Outcome> outcomes = new ArrayList<>();
		for (LtpBatch batch : chunk) {
			Set<Long> answered = new HashSet<>();
			for (LtpQuote quote : batch.quotes()) {
				if (!answered.add(quote.instrumentId())) {
					continue;
				}
				if (quote.ltp() == null || quote.ltp().signum() <= 0) {
					outcomes.add(new SyncStatusWriter.Outcome(quote.instrumentId(), DATASET, 0,
							"broker returned a non-positive last price " + quote.ltp()));
					continue;
				}
				rows.add(new Row(quote, batch.source(), OffsetDateTime.ofInstant(batch.capturedAt(), ZoneOffset.UTC)));
			}
			for (Instrument instrument : batch.requested()) {
				if (answered.add(instrument.id())) {
					outcomes.add(new SyncStatusWriter.Outcome(instrument.id(), DATASET, 0,
							"no quote in the broker's answer"));
				}
			}
		}
		int[][] counts = jdbc.batchUpdate(dialect.insertLtpSnapshot(), rows, 500, (ps, row) -> {
			LtpQuote q = row.quote();
			ps.setLong(1, q.instrumentId());
			ps.setObject(2, q.minute().atOffset(ZoneOffset.UTC));
			ps.setBigDecimal(3, q.ltp());
			ps.setObject(4, q.volume());
			ps.setBigDecimal(5, q.change());
			ps.setBigDecimal(6, q.changePct());
			ps.setBigDecimal(7, q.prevClose());
			ps.setString(8, row.source());
			ps.setObject(9, row.capturedAt());
			ps.setObject(10, (q.tradedAt() == null) ? null : q.tradedAt().atOffset(ZoneOffset.UTC));
		});
		long inserted = 0;
		int index = 0;
		for (int[] batchCounts : counts) {
			for (int count : batchCounts) {
				// a kept row (the minute was captured before) is still a success, with no
				// row
				// written
				long written = (count == 0) ? 0 : 1;
				inserted += written;
				outcomes.add(
						new SyncStatusWriter.Outcome(rows.get(index++).quote().instrumentId(), DATASET, written, null));
			}
		}
		syncStatus.record(outcomes);
		Metrics.counter("marketbatch.rows.written", "table", "ltp_snapshot").increment(inserted);
	}

	private record Row(LtpQuote quote, String source, OffsetDateTime capturedAt) {
	}

}
