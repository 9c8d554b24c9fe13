package io.marketbatch.store;

import io.marketbatch.market.TradingCalendar;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The universes computed from the latest {@code ltp_snapshot} of the exchange:
 * {@code TOP_GAINERS} (highest change %), {@code TOP_LOSERS} (lowest change %) and
 * {@code MOST_ACTIVE} (highest day volume), 20 instruments by default or {@code NAME_N}
 * for N from 1 to 100 ({@code TOP_GAINERS_50}). "Latest" is each instrument's newest row
 * on the exchange's newest snapshot day; every query is bounded by time, so on PostgreSQL
 * it reads one or two monthly partitions (V17 indexes {@code minute} for the first step).
 */
public final class DynamicUniverses {

	public static final int DEFAULT_SIZE = 20;

	public static final int MAX_SIZE = 100;

	/** How far back the exchange's newest snapshot is looked for, from the newest row. */
	private static final Duration LOOK_BACK = Duration.ofDays(7);

	/** A ranking of the latest snapshot; its name is the universe's name. */
	public enum Ranking {

		TOP_GAINERS("change_pct", "DESC", "highest change % since the previous close"),
		TOP_LOSERS("change_pct", "ASC", "lowest change % since the previous close"),
		MOST_ACTIVE("volume", "DESC", "highest day volume");

		private final String column;

		private final String direction;

		private final String description;

		Ranking(String column, String direction, String description) {
			this.column = column;
			this.direction = direction;
			this.description = description;
		}

		public String description() {
			return description;
		}

	}

	/** A parsed dynamic universe name: a ranking and how many instruments. */
	public record Spec(Ranking ranking, int size) {
	}

	private final JdbcClient jdbc;

	private final String exchange;

	public DynamicUniverses(JdbcClient jdbc, String exchange) {
		this.jdbc = jdbc;
		this.exchange = exchange;
	}

	/** The names as listed: each ranking at its default size. */
	public static List<String> names() {
		return Arrays.stream(Ranking.values()).map(Ranking::name).toList();
	}

	/**
	 * Whether the name belongs to a dynamic universe (so no stored universe may take it),
	 * with a valid size or not.
	 */
	public static boolean isDynamic(String name) {
		String upper = name.toUpperCase(Locale.ROOT);
		return Arrays.stream(Ranking.values())
			.anyMatch(r -> upper.equals(r.name()) || upper.matches(r.name() + "_\\d+"));
	}

	/**
	 * The ranking and size of a dynamic name; empty for any other name.
	 * @throws IllegalArgumentException for a size out of range
	 */
	public static Optional<Spec> parse(String name) {
		String upper = name.toUpperCase(Locale.ROOT);
		for (Ranking ranking : Ranking.values()) {
			if (upper.equals(ranking.name())) {
				return Optional.of(new Spec(ranking, DEFAULT_SIZE));
			}
			if (upper.matches(ranking.name() + "_\\d+")) {
				String digits = upper.substring(ranking.name().length() + 1);
				int size = digits.length() > 3 ? Integer.MAX_VALUE : Integer.parseInt(digits);
				if (size < 1 || size > MAX_SIZE) {
					throw new IllegalArgumentException("universe '" + upper + "': expected " + ranking.name() + " or "
							+ ranking.name() + "_N with N from 1 to " + MAX_SIZE + " (the number of instruments)");
				}
				return Optional.of(new Spec(ranking, size));
			}
		}
		return Optional.empty();
	}

	/**
	 * The symbols of a dynamic universe, best first; empty when the exchange has no
	 * snapshot with the ranked value yet.
	 */
	public List<String> resolve(String name) {
		Spec spec = parse(name).orElseThrow(() -> new IllegalArgumentException("not a dynamic universe: " + name));
		// the newest row of any exchange through the minute index, then the exchange's
		// newest within a week of it: both bounded, never a scan of the whole table
		Optional<OffsetDateTime> newest = first(
				jdbc.sql("SELECT MAX(minute) FROM ltp_snapshot").query(OffsetDateTime.class).list());
		if (newest.isEmpty()) {
			return List.of();
		}
		Optional<OffsetDateTime> latest = first(jdbc.sql(NEWEST_OF_EXCHANGE)
			.params(exchange, newest.get().minus(LOOK_BACK), newest.get())
			.query(OffsetDateTime.class)
			.list());
		if (latest.isEmpty()) {
			return List.of();
		}
		OffsetDateTime dayStart = latest.get()
			.atZoneSameInstant(TradingCalendar.IST)
			.toLocalDate()
			.atStartOfDay(TradingCalendar.IST)
			.toOffsetDateTime()
			.withOffsetSameInstant(ZoneOffset.UTC);
		return jdbc.sql(members(spec)).params(exchange, dayStart, latest.get()).query(String.class).list();
	}

	/** The exchange's newest snapshot minute between two instants. */
	static final String NEWEST_OF_EXCHANGE = "SELECT MAX(s.minute) FROM ltp_snapshot s JOIN instrument i "
			+ "ON i.id = s.instrument_id WHERE i.exchange = ? AND s.minute >= ? AND s.minute <= ?";

	/**
	 * Each instrument's newest row between two instants, ranked; the column and direction
	 * come from the enum, the size is a checked int.
	 */
	static String members(Spec spec) {
		Ranking r = spec.ranking();
		return "SELECT symbol FROM (SELECT i.symbol AS symbol, s." + r.column + " AS ranked, "
				+ "ROW_NUMBER() OVER (PARTITION BY s.instrument_id ORDER BY s.minute DESC) AS newest "
				+ "FROM ltp_snapshot s JOIN instrument i ON i.id = s.instrument_id "
				+ "WHERE i.exchange = ? AND i.active = TRUE AND s.minute >= ? AND s.minute <= ?) latest "
				+ "WHERE newest = 1 AND ranked IS NOT NULL ORDER BY ranked " + r.direction + ", symbol FETCH FIRST "
				+ spec.size() + " ROWS ONLY";
	}

	/** MAX() answers one row, NULL on no rows. */
	private static Optional<OffsetDateTime> first(List<OffsetDateTime> rows) {
		return rows.stream().filter(java.util.Objects::nonNull).findFirst();
	}

}
