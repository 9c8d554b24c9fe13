package io.marketbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.support.TestDatabases;

import java.time.OffsetDateTime;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The dynamic universes on an embedded PostgreSQL with monthly partitions: ranked by each
 * instrument's newest row on the exchange's newest snapshot day (an older day, another
 * exchange's later snapshot and a NULL value do not count), and every query reads only
 * the partition of that day, never the whole table.
 */
class DynamicUniversesTest {

	private static JdbcTemplate jdbc;

	private static DynamicUniverses dynamic;

	@BeforeAll
	static void migrate() {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				TestDatabases.newPostgresDatabase("dynamic"), "postgres", "", true);
		Flyway.configure()
			.dataSource(dataSource)
			.locations("filesystem:sql/common", "filesystem:sql/postgresql")
			.load()
			.migrate();
		jdbc = new JdbcTemplate(dataSource);
		for (String month : List.of("2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01")) {
			jdbc.queryForObject("SELECT create_month_partition('ltp_snapshot', CAST(? AS DATE))", Boolean.class, month);
		}
		for (String symbol : List.of("AAA", "BBB", "CCC", "DDD", "EEE")) {
			instrument("NSE", symbol);
		}
		instrument("MCX", "GOLD");
		// an older day with extreme values: not the latest snapshot
		for (String symbol : List.of("AAA", "BBB", "CCC", "DDD", "EEE")) {
			ltp(symbol, "2026-09-15T10:15:00+05:30", "50", 1);
		}
		ltp("AAA", "2026-10-29T10:15:00+05:30", "1.0", 100);
		ltp("BBB", "2026-10-29T10:15:00+05:30", "2.0", 500);
		ltp("CCC", "2026-10-29T10:15:00+05:30", "-3.0", 300);
		ltp("DDD", "2026-10-29T10:15:00+05:30", null, 900);
		// AAA's newest row counts, not its 10:15 one
		ltp("AAA", "2026-10-29T10:16:00+05:30", "4.0", 200);
		// another exchange trades later; NSE's newest day stays 29 October
		ltp("GOLD", "2026-10-30T23:00:00+05:30", "9.0", 5);
		dynamic = new DynamicUniverses(JdbcClient.create(dataSource), "NSE");
	}

	private static void instrument(String exchange, String symbol) {
		jdbc.update("INSERT INTO instrument (exchange, symbol, instrument_type, updated_at) VALUES (?, ?, 'EQ', now())",
				exchange, symbol);
	}

	private static void ltp(String symbol, String minute, String changePct, long volume) {
		jdbc.update("INSERT INTO ltp_snapshot (instrument_id, minute, ltp, volume, change_pct, source, captured_at) "
				+ "SELECT id, CAST(? AS TIMESTAMPTZ), 100, ?, CAST(? AS NUMERIC), 'test', now() FROM instrument "
				+ "WHERE symbol = ?", minute, volume, changePct, symbol);
	}

	@Test
	void theRankingIsOfEachInstrumentsNewestRowOnTheExchangesNewestDay() {
		assertThat(dynamic.resolve("TOP_GAINERS")).containsExactly("AAA", "BBB", "CCC");
		assertThat(dynamic.resolve("TOP_GAINERS_2")).containsExactly("AAA", "BBB");
		assertThat(dynamic.resolve("top_losers_1")).containsExactly("CCC");
		assertThat(dynamic.resolve("MOST_ACTIVE")).containsExactly("DDD", "BBB", "CCC", "AAA");
		assertThat(new DynamicUniverses(JdbcClient.create(jdbc.getDataSource()), "BSE").resolve("TOP_GAINERS"))
			.isEmpty();
	}

	private String plan(String sql, Object... args) {
		return String.join("\n", jdbc.queryForList("EXPLAIN " + sql, String.class, args));
	}

	@Test
	void everyQueryReadsOnlyThePartitionOfTheNewestDay() {
		OffsetDateTime newest = OffsetDateTime.parse("2026-10-30T23:00:00+05:30");
		String bounded = plan(DynamicUniverses.NEWEST_OF_EXCHANGE, "NSE", newest.minusDays(7), newest);
		String members = plan(DynamicUniverses.members(DynamicUniverses.parse("TOP_GAINERS").orElseThrow()), "NSE",
				OffsetDateTime.parse("2026-10-29T00:00:00+05:30"), OffsetDateTime.parse("2026-10-29T10:16:00+05:30"));
		for (String plan : List.of(bounded, members)) {
			assertThat(plan).contains("ltp_snapshot_p202610")
				.doesNotContain("ltp_snapshot_p202608", "ltp_snapshot_p202609", "ltp_snapshot_p202611",
						"ltp_snapshot_default");
		}
		// the first step reads the newest entry of each partition's minute index
		jdbc.execute("SET enable_seqscan = off");
		try {
			assertThat(plan("SELECT MAX(minute) FROM ltp_snapshot")).contains("minute_idx").doesNotContain("Seq Scan");
		}
		finally {
			jdbc.execute("RESET enable_seqscan");
		}
	}

}
