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
		jdbc.batchUpdate(dialect.upsertLtpSnapshot(), rows, 500, (ps, row) -> {
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
