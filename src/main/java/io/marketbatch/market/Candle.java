package io.marketbatch.market;

import java.math.BigDecimal;
import java.time.Instant;

/** One OHLCV bar of {@code timeframe} starting at {@code ts}. */
public record Candle(long instrumentId, Timeframe timeframe, Instant ts, BigDecimal open, BigDecimal high,
		BigDecimal low, BigDecimal close, long volume, Long oi) {

	/** Null when the bar is internally consistent; otherwise what is wrong with it. */
	public String problem() {
		if (open == null || high == null || low == null || close == null) {
			return "missing price";
		}
		if (low.signum() <= 0) {
			return "non-positive low " + low;
		}
		if (high.compareTo(low) < 0) {
			return "high " + high + " < low " + low;
		}
		if (open.compareTo(low) < 0 || open.compareTo(high) > 0) {
			return "open " + open + " outside [" + low + ", " + high + "]";
		}
		if (close.compareTo(low) < 0 || close.compareTo(high) > 0) {
			return "close " + close + " outside [" + low + ", " + high + "]";
		}
		if (volume < 0) {
			return "negative volume " + volume;
		}
		if (ts.getEpochSecond() % 60 != 0 || ts.getNano() != 0) {
			return "timestamp " + ts + " is not on the minute grid";
		}
		return null;
	}
}
