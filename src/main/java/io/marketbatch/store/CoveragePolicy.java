package io.marketbatch.store;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.function.Function;

/**
 * What the broker in use means for completeness: how long after a minute ends its candle
 * settles ({@code settleLag}: a younger minute is not expected yet), and the first day it
 * still keeps 1-minute candles for, given today (earlier minutes are unavailable).
 */
public record CoveragePolicy(Duration settleLag, Function<LocalDate, Optional<LocalDate>> historyStart) {

	/** No lag and unbounded history: for queries made without a broker. */
	public static final CoveragePolicy NONE = new CoveragePolicy(Duration.ZERO, today -> Optional.empty());

}
