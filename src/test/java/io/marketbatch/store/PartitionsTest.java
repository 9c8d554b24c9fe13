package io.marketbatch.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.market.Candle;
import io.marketbatch.market.Timeframe;
import io.marketbatch.support.TestDatabases;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.List;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The monthly partitions of {@code candle} and {@code ltp_snapshot} on an embedded
 * PostgreSQL migrated by Flyway: rows stored before V14 are moved into their months, the
 * months ahead exist after the start-up call, a row beyond them waits in DEFAULT until
 * its month is created, the COPY + ON CONFLICT upsert works on the partitioned table, and
 * the LTP retention drops only whole months older than it. H2 stays unpartitioned.
 */
class PartitionsTest {

	/** 2026-11-20 12:00 IST. */
	private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-20T06:30:00Z"), ZoneOffset.UTC);

	private static JdbcTemplate jdbc;

	private static long instrument;

	@BeforeAll
	static void migrate() {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				TestDatabases.newPostgresDatabase("partitions"), "postgres", "", true);
		FluentConfiguration before = Flyway.configure()
			.dataSource(dataSource)
			.locations("filesystem:sql/common", "filesystem:sql/postgresql")
			.target("13");
		before.load().migrate();
		jdbc = new JdbcTemplate(dataSource);
		jdbc.update("INSERT INTO instrument (exchange, symbol, instrument_type, updated_at) "
				+ "VALUES ('NSE', 'PART', 'EQ', now())");
		instrument = jdbc.queryForObject("SELECT id FROM instrument WHERE symbol = 'PART'", Long.class);
		// stored before the tables were partitioned: 31 Jan 2026 23:59 IST is still
		// January
		// there, while UTC says 18:29 of the same day; 1 Feb 00:00 IST is 31 Jan in UTC
		candle("2026-01-31T23:59:00+05:30");
		candle("2026-02-01T00:00:00+05:30");
		ltp("2026-03-10T10:00:00+05:30");
		before.target("latest").load().migrate();
	}

	@Test
	void candleAndLtpSnapshotArePartitionedTablesAndKeptTheirRows() {
		assertThat(jdbc.queryForList(
				"SELECT CAST(partrelid AS regclass)::text FROM pg_partitioned_table " + "ORDER BY 1", String.class))
			.containsExactly("candle", "ltp_snapshot");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle_p202601", Long.class)).isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle_p202602", Long.class)).isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ltp_snapshot_p202603", Long.class)).isEqualTo(1);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle_default", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM ltp_snapshot_default", Long.class)).isZero();
	}

	@Test
	void theStartUpCallCreatesTheCurrentMonthAndTheNextThree() {
		Partitions partitions = new Partitions(JdbcClient.create(jdbc), NOW);

		partitions.createAhead();

		for (String table : List.of("candle", "ltp_snapshot")) {
			assertThat(partitions.months(table)).contains(table + "_p202611", table + "_p202612", table + "_p202701",
					table + "_p202702");
			assertThat(partitions.months(table)).doesNotContain(table + "_p202703", table + "_p202610");
		}
		assertThat(partitions.createAhead()).as("a second call finds them").isEmpty();
	}

	@Test
	void aCandleBeyondThePartitionsWaitsInDefaultAndMovesWhenItsMonthIsCreated() {
		Partitions partitions = new Partitions(JdbcClient.create(jdbc), NOW);
		// through the service's own upsert: COPY into a stage, INSERT ... ON CONFLICT
		upsert("2030-05-15T10:00:00+05:30", "100");
		upsert("2030-05-15T10:00:00+05:30", "101");
		assertThat(jdbc.queryForObject("SELECT close FROM candle_default WHERE ts = '2030-05-15T10:00:00+05:30'",
				BigDecimal.class))
			.isEqualByComparingTo("101");

		assertThat(partitions.create("candle", YearMonth.of(2030, 5))).containsExactly("candle_p203005");

		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle_default", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT close FROM candle_p203005", BigDecimal.class))
			.isEqualByComparingTo("101");
		upsert("2030-05-15T10:00:00+05:30", "102");
		assertThat(jdbc.queryForObject(
				"SELECT close || ' ' || COUNT(*) OVER () FROM candle " + "WHERE ts = '2030-05-15T10:00:00+05:30'",
				String.class))
			.isEqualTo("102.0000 1");
	}

	@Test
	void ltpRetentionDropsOnlyMonthsThatEndedBeforeIt() {
		Partitions partitions = new Partitions(JdbcClient.create(jdbc), NOW);
		ltp("2026-07-31T15:29:00+05:30");
		ltp("2026-08-03T09:15:00+05:30");
		partitions.create("ltp_snapshot", YearMonth.of(2026, 7));
		partitions.create("ltp_snapshot", YearMonth.of(2026, 8));
		partitions.createAhead();

		// 100 days before 20 Nov 12:00 is 12 Aug: July has ended before it, August has
		// not
		List<String> dropped = partitions.dropLtpOlderThan(Duration.ofDays(100));

		assertThat(dropped).containsExactly("ltp_snapshot_p202603", "ltp_snapshot_p202607");
		assertThat(partitions.months("ltp_snapshot")).contains("ltp_snapshot_p202608", "ltp_snapshot_p202611");
		assertThat(jdbc.queryForList("SELECT minute FROM ltp_snapshot", OffsetDateTime.class))
			.containsExactly(OffsetDateTime.parse("2026-08-03T09:15:00+05:30").withOffsetSameInstant(ZoneOffset.UTC));
		assertThat(partitions.months("candle")).as("candles are never dropped").contains("candle_p202601");
	}

	@Test
	void h2IsLeftAsItIs() {
		SingleConnectionDataSource h2 = new SingleConnectionDataSource(TestDatabases.newH2Database("partitions"), "sa",
				"", true);
		Flyway.configure().dataSource(h2).locations("filesystem:sql/common", "filesystem:sql/h2").load().migrate();
		Partitions partitions = new Partitions(JdbcClient.create(h2), NOW);

		assertThat(partitions.createAhead()).isEmpty();
		assertThat(partitions.dropLtpOlderThan(Duration.ofDays(1))).isEmpty();
	}

	private static void candle(String ts) {
		jdbc.update(
				"INSERT INTO candle (instrument_id, timeframe, ts, open, high, low, close, volume, source, "
						+ "updated_at) VALUES (?, '1m', CAST(? AS timestamptz), 100, 101, 99, 100, 10, 'test', now())",
				instrument, ts);
	}

	private static void ltp(String minute) {
		jdbc.update("INSERT INTO ltp_snapshot (instrument_id, minute, ltp, source, captured_at) "
				+ "VALUES (?, CAST(? AS timestamptz), 100, 'test', now())", instrument, minute);
	}

	private static void upsert(String ts, String close) {
		BigDecimal price = new BigDecimal(close);
		Candle candle = new Candle(instrument, Timeframe.M1, OffsetDateTime.parse(ts).toInstant(), price, price, price,
				price, 10, null);
		// in a transaction, as the chunk's: the stage empties at commit
		new TransactionTemplate(new DataSourceTransactionManager(jdbc.getDataSource())).executeWithoutResult(tx -> {
			try {
				new PostgresSql().upsertCandles(jdbc, List.of(new CandleWriter.Row(candle, "test")),
						OffsetDateTime.now(ZoneOffset.UTC));
			}
			catch (Exception e) {
				throw new IllegalStateException(e);
			}
		});
	}

}
