package io.marketbatch.store;

import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.DayCoverage;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code candle_coverage}: per instrument and trading day, how far the broker has
 * answered (its no-trade minutes with it), and whether the day's 5m..1d bars still follow
 * its minutes. Written in the chunk's transaction beside the candles it explains.
 */
public class CandleCoverage {

	/** Instruments per {@code IN} list. */
	private static final int IDS_PER_QUERY = 500;

	/** One stored row: what was answered, and the no-trade minutes as text. */
	public record Row(long instrumentId, LocalDate day, Instant answeredThrough, int noTradeMinutes, String noTrade,
			boolean unavailable) {

		public DayCoverage coverage(ZoneId zone) {
			return new DayCoverage(day, answeredThrough,
					DayCoverage.parseNoTrade(noTrade, day, zone).stream().sorted().toList(), unavailable);
		}
	}

	/** An instrument-day whose bars must be (re)built from its minutes. */
	public record BarsDue(long instrumentId, LocalDate day) {
	}

	private final JdbcTemplate jdbc;

	private final JdbcClient client;

	private final SqlDialect dialect;

	private final ZoneId zone;

	public CandleCoverage(JdbcTemplate jdbc, SqlDialect dialect, ZoneId zone) {
		this.jdbc = jdbc;
		this.client = JdbcClient.create(jdbc);
		this.dialect = dialect;
		this.zone = zone;
	}

	/**
	 * Records what each successful batch's broker answered, then marks the days whose
	 * 1-minute rows the batch wrote, so their bars get rebuilt.
	 */
	public void record(List<? extends CandleBatch> batches, Instant now) {
		OffsetDateTime at = utc(now);
		List<Object[]> answers = new ArrayList<>();
		List<Object[]> written = new ArrayList<>();
		for (CandleBatch batch : batches) {
			if (batch.failed()) {
				continue;
			}
			for (DayCoverage day : batch.coverage()) {
				answers.add(new Object[] { batch.instrumentId(), batch.dataset(), day.day(), utc(day.answeredThrough()),
						day.noTrade().size(), day.noTradeText(zone), day.unavailable(), batch.source(), at });
			}
			batch.candles()
				.stream()
				.map(c -> c.ts().atZone(zone).toLocalDate())
				.distinct()
				.forEach(day -> written.add(new Object[] { at, batch.instrumentId(), batch.dataset(), day }));
		}
		if (!answers.isEmpty()) {
			jdbc.batchUpdate(dialect.upsertCoverage(), answers);
		}
		if (!written.isEmpty()) {
			jdbc.batchUpdate("UPDATE candle_coverage SET minutes_written_at = ? WHERE instrument_id = ? "
					+ "AND dataset = ? AND trade_date = ?", written);
		}
	}

	/**
	 * The day's bars now equal the aggregate of its minutes (provisional while it is
	 * open).
	 */
	public void barsBuilt(long instrumentId, LocalDate day, boolean provisional, Instant now) {
		barsBuilt(List.of(new BarsBuilt(instrumentId, day, provisional)), now);
	}

	/** One instrument-day whose bars were just built. */
	public record BarsBuilt(long instrumentId, LocalDate day, boolean provisional) {
	}

	/** Marks these days built at {@code now}, in one batch. */
	public void barsBuilt(List<BarsBuilt> days, Instant now) {
		if (days.isEmpty()) {
			return;
		}
		jdbc.batchUpdate("UPDATE candle_coverage SET bars_built_at = ?, bars_provisional = ? WHERE instrument_id = ? "
				+ "AND dataset = ? AND trade_date = ?", days, days.size(), (ps, d) -> {
					ps.setObject(1, utc(now));
					ps.setBoolean(2, d.provisional());
					ps.setLong(3, d.instrumentId());
					ps.setString(4, CandleBatch.MINUTE_DATASET);
					ps.setObject(5, d.day());
				});
	}

	/**
	 * Instrument-days of the given instruments, on or before {@code through}, whose
	 * minutes were written after their bars were built (or never built), oldest first.
	 */
	public List<BarsDue> barsDue(List<Long> instrumentIds, LocalDate through) {
		List<BarsDue> due = new ArrayList<>();
		for (int i = 0; i < instrumentIds.size(); i += IDS_PER_QUERY) {
			due.addAll(client
				.sql("SELECT instrument_id, trade_date FROM candle_coverage WHERE dataset = :dataset "
						+ "AND instrument_id IN (:ids) AND trade_date <= :through AND minutes_written_at IS NOT NULL "
						+ "AND (bars_built_at IS NULL OR bars_built_at < minutes_written_at)")
				.param("dataset", CandleBatch.MINUTE_DATASET)
				.param("ids", instrumentIds.subList(i, Math.min(instrumentIds.size(), i + IDS_PER_QUERY)))
				.param("through", through)
				.query((rs, n) -> new BarsDue(rs.getLong(1), rs.getObject(2, LocalDate.class)))
				.list());
		}
		due.sort((a, b) -> a.day().equals(b.day()) ? Long.compare(a.instrumentId(), b.instrumentId())
				: a.day().compareTo(b.day()));
		return due;
	}

	/**
	 * Stored coverage of the given instruments over [from, to], per instrument and day.
	 */
	public Map<Long, Map<LocalDate, Row>> rows(List<Long> instrumentIds, LocalDate from, LocalDate to) {
		Map<Long, Map<LocalDate, Row>> rows = new HashMap<>();
		for (int i = 0; i < instrumentIds.size(); i += IDS_PER_QUERY) {
			client
				.sql("SELECT instrument_id, trade_date, answered_through, no_trade_minutes, no_trade, unavailable "
						+ "FROM candle_coverage WHERE dataset = :dataset AND instrument_id IN (:ids) "
						+ "AND trade_date BETWEEN :from AND :to")
				.param("dataset", CandleBatch.MINUTE_DATASET)
				.param("ids", instrumentIds.subList(i, Math.min(instrumentIds.size(), i + IDS_PER_QUERY)))
				.param("from", from)
				.param("to", to)
				.query(rs -> {
					Row row = new Row(rs.getLong(1), rs.getObject(2, LocalDate.class),
							rs.getObject(3, OffsetDateTime.class).toInstant(), rs.getInt(4), rs.getString(5),
							rs.getBoolean(6));
					rows.computeIfAbsent(row.instrumentId(), k -> new HashMap<>()).put(row.day(), row);
				});
		}
		return rows;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
