package io.marketbatch.market;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * One finished minute of a live feed, for every subscribed instrument exactly one of: a
 * {@code candle} built from its ticks, a {@code noTrade} minute (connected throughout, no
 * tick), or {@code missed} (the feed was down for part of it, or its volume is not known:
 * the first minute after joining mid-session or after a reconnect, a volume that went
 * backwards). Missed minutes are left for the gap fill to ask the broker for.
 */
public record ClosedMinute(Instant minute, List<Candle> candles, Set<Long> noTrade, Set<Long> missed) {

	public ClosedMinute {
		candles = List.copyOf(candles);
		noTrade = Set.copyOf(noTrade);
		missed = Set.copyOf(missed);
	}

}
