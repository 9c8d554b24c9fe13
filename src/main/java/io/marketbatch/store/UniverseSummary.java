package io.marketbatch.store;

import java.time.OffsetDateTime;

import org.jspecify.annotations.Nullable;

/**
 * One universe as listed: its kind ({@code built-in}, {@code custom} or {@code dynamic}),
 * the source that filled it (the broker, {@code custom}, or {@code ltp_snapshot}), its
 * member count (null for a dynamic one: known when a job starts) and when it was last
 * changed.
 */
public record UniverseSummary(String name, String kind, String source, String description, @Nullable Integer members,
		@Nullable OffsetDateTime updatedAt) {

	public static final String BUILT_IN = "built-in";

	public static final String DYNAMIC = "dynamic";

	static String kind(String source) {
		return UniverseStore.CUSTOM.equals(source) ? UniverseStore.CUSTOM : BUILT_IN;
	}

	static UniverseSummary dynamic(String name, DynamicUniverses.Ranking ranking) {
		int size = DynamicUniverses.parse(name).map(DynamicUniverses.Spec::size).orElse(DynamicUniverses.DEFAULT_SIZE);
		return new UniverseSummary(name, DYNAMIC, "ltp_snapshot", "the " + size + " instruments of "
				+ ranking.description() + " in the latest LTP snapshot; " + ranking.name() + "_N for N of them (1-100)",
				null, null);
	}

}
