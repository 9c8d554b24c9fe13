package io.marketbatch.jobs;

import io.marketbatch.market.Candle;
import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

/** What a broker's 1-minute candles must satisfy before any of them is written. */
final class CandleChecks {

	private CandleChecks() {
	}

	/**
	 * A broker's answer split by the calendar: candles inside a session, and the rest.
	 */
	record Split(List<Candle> inSession, List<Candle> offCalendar) {
	}

	/**
	 * Candles at times the calendar calls closed are kept apart: they say the calendar is
	 * wrong (an unseeded session), not that the answer is.
	 */
	static Split split(List<Candle> candles, TradingCalendar calendar) {
		Map<Boolean, List<Candle>> byOpen = candles.stream()
			.collect(Collectors.partitioningBy(c -> calendar.isOpen(c.ts())));
		return new Split(byOpen.get(true), byOpen.get(false));
	}

	/**
	 * The first problem of a broker's answer; empty when every candle is consistent and
	 * unique.
	 */
	static Optional<String> problem(List<Candle> candles, TradingCalendar calendar) {
		Set<Instant> seen = new HashSet<>();
		for (Candle candle : candles) {
			@Nullable String problem = candle.problem().orElse(null);
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
