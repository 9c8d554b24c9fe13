package io.marketbatch.jobs;

import io.marketbatch.market.Candle;
import io.marketbatch.market.TradingCalendar;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What a broker's 1-minute candles must satisfy before any of them is written. */
final class CandleChecks {

	private CandleChecks() {
	}

	/**
	 * Null when every candle is consistent, unique, and inside a session; otherwise the
	 * first problem.
	 */
	static String problem(List<Candle> candles, TradingCalendar calendar) {
		Set<java.time.Instant> seen = new HashSet<>();
		for (Candle candle : candles) {
			String problem = candle.problem();
			if (problem == null && !calendar.isOpen(candle.ts())) {
				problem = "timestamp outside the session: " + calendar.closedReason(candle.ts()).orElse("closed");
			}
			if (problem == null && !seen.add(candle.ts())) {
				problem = "duplicate timestamp";
			}
			if (problem != null) {
				return "invalid candle at " + candle.ts().atZone(calendar.zone()).toLocalDateTime() + " IST: "
						+ problem;
			}
		}
		return null;
	}

}
