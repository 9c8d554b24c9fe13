package io.marketbatch.store;

import io.marketbatch.store.Completeness.InstrumentDay;
import io.marketbatch.store.Completeness.MissingRange;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * Counts one instrument-day's expected minutes into present, no trade, missing and
 * unavailable, for {@link Completeness}.
 */
final class MinuteTally {

	private MinuteTally() {
	}

	/** The no-trade minutes of an answer that lie before what it answered. */
	static Set<Instant> answeredNoTrade(CandleCoverage.Row row, ZoneId zone) {
		Set<Instant> minutes = new HashSet<>(row.coverage(zone).noTrade());
		minutes.removeIf(m -> m.plusSeconds(60).isAfter(row.answeredThrough()));
		return minutes;
	}

	static InstrumentDay report(String symbol, LocalDate date, List<Instant> expected, Set<Instant> have,
			CandleCoverage.@Nullable Row row, boolean beforeHistory, ZoneId zone) {
		boolean unavailable = beforeHistory || (row != null && row.unavailable());
		Set<Instant> noTrade = row == null ? Set.of() : answeredNoTrade(row, zone);
		List<MissingRange> missing = new ArrayList<>();
		int present = 0;
		int noTrades = 0;
		int unavailables = 0;
		Instant runStart = null;
		Instant previous = null;
		for (Instant minute : expected) {
			boolean isMissing = false;
			if (have.contains(minute)) {
				present++;
			}
			else if (unavailable) {
				unavailables++;
			}
			else if (noTrade.contains(minute)) {
				noTrades++;
			}
			else {
				isMissing = true;
			}
			if (isMissing) {
				runStart = runStart == null ? minute : runStart;
				previous = minute;
			}
			else if (runStart != null && previous != null) {
				missing.add(range(runStart, previous, zone));
				runStart = null;
			}
		}
		if (runStart != null && previous != null) {
			missing.add(range(runStart, previous, zone));
		}
		int counted = expected.size() - unavailables;
		BigDecimal percent = counted == 0 ? BigDecimal.valueOf(100).setScale(2)
				: BigDecimal.valueOf((present + noTrades) * 100L)
					.divide(BigDecimal.valueOf(counted), 2, RoundingMode.HALF_UP);
		int missingCount = expected.size() - present - noTrades - unavailables;
		return new InstrumentDay(symbol, date, expected.size(), present, noTrades, missingCount, unavailables, percent,
				List.copyOf(missing));
	}

	private static MissingRange range(Instant first, Instant last, ZoneId zone) {
		return new MissingRange(first.atZone(zone).toOffsetDateTime(), last.atZone(zone).toOffsetDateTime(),
				(int) Duration.between(first, last).toMinutes() + 1);
	}

}
