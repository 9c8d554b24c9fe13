package io.marketbatch.store;

import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.micrometer.core.instrument.Metrics;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes one instrument-day's 5m..1d bars so that afterwards they equal the aggregate of
 * its stored minutes: the new bars are upserted (identical ones untouched), bars of that
 * day no longer produced (their minutes are gone) are deleted, and the day is marked
 * built in {@link CandleCoverage}. Bars of a day still open carry the source
 * {@value #PROVISIONAL} until the day is aggregated again after its close.
 */
public class BarWriter implements ItemWriter<BarWriter.DayBars> {

	/** The source of bars built from a finished day's minutes. */
	public static final String AGGREGATE = "aggregate";

	/** The source of bars built while their day is still open. */
	public static final String PROVISIONAL = "provisional";

	/**
	 * One instrument-day's bars over its session [open, close); {@code error} says why
	 * there are none.
	 */
	public record DayBars(long instrumentId, String symbol, LocalDate day, Instant open, Instant close,
			List<Candle> bars, boolean provisional, @Nullable String error) {
	}

	private final CandleWriter candles;

	private final CandleCoverage coverage;

	private final SyncStatusWriter syncStatus;

	private final JdbcTemplate jdbc;

	private final Clock clock;

	public BarWriter(CandleWriter candles, CandleCoverage coverage, SyncStatusWriter syncStatus, JdbcTemplate jdbc,
			Clock clock) {
		this.candles = candles;
		this.coverage = coverage;
		this.syncStatus = syncStatus;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	@Override
	public void write(Chunk<? extends DayBars> chunk) throws Exception {
		Instant now = clock.instant();
		List<CandleWriter.Row> rows = new ArrayList<>();
		List<SyncStatusWriter.Outcome> outcomes = new ArrayList<>();
		List<DayBars> built = new ArrayList<>();
		for (DayBars day : chunk) {
			if (day.error() != null) {
				outcomes.add(new SyncStatusWriter.Outcome(day.instrumentId(), CandleBatch.AGGREGATE_DATASET, 0,
						day.error()));
				continue;
			}
			String source = day.provisional() ? PROVISIONAL : AGGREGATE;
			day.bars().forEach(bar -> rows.add(new CandleWriter.Row(bar, source)));
			built.add(day);
			outcomes.add(new SyncStatusWriter.Outcome(day.instrumentId(), CandleBatch.AGGREGATE_DATASET,
					day.bars().size(), null));
		}
		deleteStale(built);
		candles.upsert(rows);
		coverage.barsBuilt(built.stream()
			.map(day -> new CandleCoverage.BarsBuilt(day.instrumentId(), day.day(), day.provisional()))
			.toList(), now);
		syncStatus.record(outcomes);
		Metrics.counter("marketbatch.rows.written", "table", "candle").increment(rows.size());
	}

	/**
	 * Deletes the stored bars of these days that the new aggregates no longer have: one
	 * read for the whole chunk (its days mostly share a date), not one per day.
	 */
	private void deleteStale(List<DayBars> days) {
		if (days.isEmpty()) {
			return;
		}
		Map<Long, List<DayBars>> byInstrument = new HashMap<>();
		Set<String> fresh = new HashSet<>();
		Instant from = days.get(0).open();
		Instant to = days.get(0).close();
		for (DayBars day : days) {
			byInstrument.computeIfAbsent(day.instrumentId(), id -> new ArrayList<>()).add(day);
			day.bars().forEach(bar -> fresh.add(day.instrumentId() + "/" + bar.timeframe().label() + "@" + bar.ts()));
			from = day.open().isBefore(from) ? day.open() : from;
			to = day.close().isAfter(to) ? day.close() : to;
		}
		List<Object[]> stale = new ArrayList<>();
		List<Long> ids = List.copyOf(byInstrument.keySet());
		String in = String.join(",", ids.stream().map(id -> "?").toList());
		List<Object> args = new ArrayList<>(ids);
		args.add(utc(from));
		args.add(utc(to));
		jdbc.query("SELECT instrument_id, timeframe, ts FROM candle WHERE instrument_id IN (" + in
				+ ") AND timeframe <> '1m' AND ts >= ? AND ts < ?", rs -> {
					long id = rs.getLong(1);
					String timeframe = rs.getString(2);
					OffsetDateTime ts = rs.getObject(3, OffsetDateTime.class);
					Instant t = ts.toInstant();
					boolean ofThisChunk = byInstrument.get(id)
						.stream()
						.anyMatch(day -> !t.isBefore(day.open()) && t.isBefore(day.close()));
					if (ofThisChunk && !fresh.contains(id + "/" + timeframe + "@" + t)) {
						stale.add(new Object[] { id, timeframe, ts });
					}
				}, args.toArray());
		if (!stale.isEmpty()) {
			jdbc.batchUpdate("DELETE FROM candle WHERE instrument_id = ? AND timeframe = ? AND ts = ?", stale);
		}
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
