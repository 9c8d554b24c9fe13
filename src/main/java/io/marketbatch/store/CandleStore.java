package io.marketbatch.store;

import io.marketbatch.market.Candle;
import io.marketbatch.market.Timeframe;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read side of {@code candle}: what is already stored, so jobs fetch only what is
 * missing.
 */
public class CandleStore {

	private final JdbcClient jdbc;

	public CandleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Stored 1-minute candles per exchange-local day in [from, to]. One grouped query:
	 * the day is derived from the epoch with the zone's fixed offset (IST has no daylight
	 * saving).
	 */
	public Map<LocalDate, Integer> minuteCountsByDay(long instrumentId, LocalDate from, LocalDate to, ZoneId zone) {
		Instant start = from.atStartOfDay(zone).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
		int offset = zone.getRules().getOffset(start).getTotalSeconds();
		String day = "FLOOR((EXTRACT(EPOCH FROM ts) + " + offset + ") / 86400)";
		Map<LocalDate, Integer> counts = new HashMap<>();
		jdbc.sql("SELECT " + day + ", COUNT(*) FROM candle WHERE instrument_id = ? AND timeframe = '1m' "
				+ "AND ts >= ? AND ts < ? GROUP BY " + day)
			.params(instrumentId, utc(start), utc(end))
			.query(rs -> {
				counts.put(LocalDate.ofEpochDay(rs.getLong(1)), rs.getInt(2));
			});
		return counts;
	}

	/** Start instants of the stored bars of one timeframe in [from, to). */
	public Set<Instant> storedStarts(long instrumentId, Timeframe timeframe, Instant from, Instant to) {
		Set<Instant> stored = new HashSet<>();
		jdbc.sql("SELECT ts FROM candle WHERE instrument_id = ? AND timeframe = ? AND ts >= ? AND ts < ?")
			.params(instrumentId, timeframe.label(), utc(from), utc(to))
			.query(rs -> {
				stored.add(rs.getObject(1, OffsetDateTime.class).toInstant());
			});
		return stored;
	}

	/** Stored bars of one timeframe in [from, to), oldest first. */
	public List<Candle> candles(long instrumentId, Timeframe timeframe, Instant from, Instant to) {
		return jdbc
			.sql("SELECT ts, open, high, low, close, volume, oi FROM candle WHERE instrument_id = ? AND timeframe = ? "
					+ "AND ts >= ? AND ts < ? ORDER BY ts")
			.params(instrumentId, timeframe.label(), utc(from), utc(to))
			.query((rs, n) -> new Candle(instrumentId, timeframe, rs.getObject(1, OffsetDateTime.class).toInstant(),
					rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getLong(6),
					(Long) rs.getObject(7, Long.class)))
			.list();
	}

	static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
