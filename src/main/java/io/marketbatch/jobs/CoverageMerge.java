package io.marketbatch.jobs;

import io.marketbatch.market.DayCoverage;
import io.marketbatch.store.CandleCoverage;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.TreeSet;

import org.jspecify.annotations.Nullable;

/**
 * One answer for a day joined with what is already recorded for it: live capture runs
 * ahead of the gap fill (it answers each minute as it ends, the gap fill only settled
 * ones), so neither may drop the other's no-trade minutes, and the later end stands.
 */
final class CoverageMerge {

	private CoverageMerge() {
	}

	static DayCoverage merge(DayCoverage answer, CandleCoverage.@Nullable Row recorded, ZoneId zone) {
		if (recorded == null || recorded.unavailable() || answer.unavailable()) {
			return answer;
		}
		DayCoverage old = recorded.coverage(zone);
		Instant through = old.answeredThrough().isAfter(answer.answeredThrough()) ? old.answeredThrough()
				: answer.answeredThrough();
		TreeSet<Instant> noTrade = new TreeSet<>(answer.noTrade());
		old.noTrade().stream().filter(m -> !m.plusSeconds(60).isAfter(old.answeredThrough())).forEach(noTrade::add);
		return new DayCoverage(answer.day(), through, List.copyOf(noTrade), false);
	}

}
