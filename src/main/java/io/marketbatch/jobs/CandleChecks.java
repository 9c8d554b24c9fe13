package io.marketbatch.jobs;

import io.marketbatch.market.Candle;
import io.marketbatch.market.TradingCalendar;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/** What a broker's 1-minute candles must satisfy before any of them is written. */
final class CandleChecks {

	private CandleChecks() {
	}

	/**
	 * The first problem of a broker's answer; empty when every candle is consistent,
	 * unique, and inside a session.
	 */
	static Optional<String> problem(List<Candle> candles, TradingCalendar calendar) {
		Set<java.time.Instant> seen = new HashSet<>();
		for (Candle candle : candles) {
			@Nullable String problem = candle.problem().orElse(null);
			if (problem == null && !calendar.isOpen(candle.ts())) {
				problem = "timestamp outside the session: " + calendar.closedReason(candle.ts()).orElse("closed");
			}
			if (problem == null && !seen.add(candle.ts())) {
				problem = "duplicate timestamp";
			}
			if (problem != null) {
				return Optional.of("invalid candle at " + candle.ts().atZone(calendar.zone()).toLocalDateTime()
						+ " IST: " + problem);
			}
		}
		return Optional.empty();
	}

}
