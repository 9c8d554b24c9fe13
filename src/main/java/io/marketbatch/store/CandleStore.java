package io.marketbatch.store;

import io.marketbatch.market.Candle;
import io.marketbatch.market.Timeframe;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Read side of {@code candle}: the stored bars. Which minutes are missing is
 * {@link Completeness}'s question.
 */
public class CandleStore {

	private final JdbcClient jdbc;

	public CandleStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
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
