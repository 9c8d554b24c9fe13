package io.marketbatch.market;

import java.math.BigDecimal;
import java.time.Instant;

/**
 * One update from a broker's streaming feed: the last traded price of an instrument at
 * the exchange's own time, with the day's cumulative traded volume (feeds report volume
 * per day, not per trade, so a minute's volume is a difference of two ticks).
 * {@code receivedAt} is when this process read it, the last resort for the minute when a
 * feed mode carries no exchange time.
 */
public record Tick(long instrumentId, Instant exchangeTime, BigDecimal price, long dayVolume, Instant receivedAt) {

	public Tick {
		if (price.signum() <= 0) {
			throw new IllegalArgumentException("tick price must be positive, was " + price);
		}
		if (dayVolume < 0) {
			throw new IllegalArgumentException("cumulative day volume must not be negative, was " + dayVolume);
		}
	}

}
