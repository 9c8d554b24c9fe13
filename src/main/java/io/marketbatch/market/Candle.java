package io.marketbatch.market;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * One OHLCV bar of {@code timeframe} starting at {@code ts}; {@code oi} (open interest)
 * only for derivatives.
 */
public record Candle(long instrumentId, Timeframe timeframe, Instant ts, BigDecimal open, BigDecimal high,
		BigDecimal low, BigDecimal close, long volume, @Nullable Long oi) {

	/**
	 * Why this candle is not valid (its prices, volume or timestamp); empty when it is.
	 */
	public Optional<String> problem() {
		if (open == null || high == null || low == null || close == null) {
			return Optional.of("missing price");
		}
		if (low.signum() <= 0) {
			return Optional.of("non-positive low " + low);
		}
		if (high.compareTo(low) < 0) {
			return Optional.of("high " + high + " < low " + low);
		}
		if (open.compareTo(low) < 0 || open.compareTo(high) > 0) {
			return Optional.of("open " + open + " outside [" + low + ", " + high + "]");
		}
		if (close.compareTo(low) < 0 || close.compareTo(high) > 0) {
			return Optional.of("close " + close + " outside [" + low + ", " + high + "]");
		}
		if (volume < 0) {
			return Optional.of("negative volume " + volume);
		}
		if (ts.getEpochSecond() % 60 != 0 || ts.getNano() != 0) {
			return Optional.of("timestamp " + ts + " is not on the minute grid");
		}
		return Optional.empty();
	}
}
