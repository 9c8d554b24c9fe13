package io.marketbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.admin.DataQueries;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.CandleCoverage;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.CoveragePolicy;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.store.Partitions;
import io.marketbatch.store.SqlDialect;
import io.marketbatch.support.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;

import org.flywaydb.core.Flyway;
import io.marketbatch.MarketBatchApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The read paths of issue 11 on one year of F&O 1-minute candles (190 instruments, every
 * session minute of every NSE trading day from 2025-10-30 to 2026-10-29, about 18 million
 * rows, plus this morning) in the partitioned PostgreSQL schema, built with SQL
 * {@code generate_series}. Every day but today is answered in {@code candle_coverage};
 * FNO001 has three holes in January. Prints each figure (median of five runs after a
 * warm-up) as a ratio to its target. Not part of {@code verify}: run it with
 * {@code ./mvnw -Pbenchmark verify -Dtest=PartitionedReadsBenchmarkTest}. Figures go to
 * target/benchmark/partitioned-reads.txt.
 */
@Tag("benchmark")
class PartitionedReadsBenchmarkTest {

	private static final int INSTRUMENTS = Integer.getInteger("bench.instruments", 190);

	private static final LocalDate FIRST = LocalDate.of(2025, 10, 30);

	private static final LocalDate TODAY = LocalDate.of(2026, 10, 30);

	/** 12:00 IST on TODAY: the market is open. */
	private static final Clock NOW = Clock.fixed(Instant.parse("2026-10-30T06:30:00Z"), ZoneOffset.UTC);

	private static final String DAYS = """
			CREATE TEMP TABLE bench_day AS
			SELECT CAST(d AS DATE) AS day, COALESCE(t.opens, TIME '09:15') AS opens,
			       CASE WHEN CAST(d AS DATE) = DATE '2026-10-30' THEN TIME '12:00' ELSE COALESCE(t.closes, TIME '15:30') END AS closes
			FROM generate_series(DATE '2025-10-30', DATE '2026-10-30', INTERVAL '1 day') d
			LEFT JOIN trading_day t ON t.exchange = 'NSE' AND t.trade_date = CAST(d AS DATE)
			WHERE t.kind = 'SPECIAL' OR (t.kind IS NULL AND EXTRACT(ISODOW FROM d) < 6)""";

	private static final String CANDLES = """
			INSERT INTO candle (instrument_id, timeframe, ts, open, high, low, close, volume, source, updated_at)
			SELECT i.id, '1m', (d.day + d.opens) AT TIME ZONE 'Asia/Kolkata' + m * INTERVAL '1 minute',
			       100, 101, 99, 100, 10, 'bench', now()
			FROM bench_day d
			CROSS JOIN LATERAL generate_series(0, CAST(EXTRACT(EPOCH FROM d.closes - d.opens) / 60 AS INT) - 1) m
			CROSS JOIN instrument i
			WHERE d.day >= ? AND d.day < ?""";

	private static final String COVERAGE = """
			INSERT INTO candle_coverage (instrument_id, dataset, trade_date, answered_through, no_trade_minutes,
			    no_trade, unavailable, source, answered_at)
			SELECT i.id, 'candle_1m', d.day, (d.day + d.closes) AT TIME ZONE 'Asia/Kolkata', 0, '', FALSE, 'bench', now()
			FROM bench_day d CROSS JOIN instrument i WHERE d.day < DATE '2026-10-30'""";

	private static final String LTP = """
			INSERT INTO ltp_snapshot (instrument_id, minute, ltp, source, captured_at)
			SELECT i.id, TIMESTAMP '2026-10-30 09:15' AT TIME ZONE 'Asia/Kolkata' + m * INTERVAL '1 minute', 100, 'bench', now()
			FROM generate_series(0, 164) m CROSS JOIN instrument i""";

	@Test
	void readsOnAYearOfFnoMinutes() throws Exception {
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				TestDatabases.newPostgresDatabase("partitionbench"), "postgres", "", true);
		Flyway.configure()
			.dataSource(dataSource)
			.locations("filesystem:sql/common", "filesystem:sql/postgresql")
			.load()
			.migrate();
		JdbcTemplate template = new JdbcTemplate(dataSource);
		JdbcClient jdbc = JdbcClient.create(dataSource);
		List<String> report = new ArrayList<>();
		long built = System.nanoTime();
		template.update("INSERT INTO instrument (exchange, symbol, instrument_type, updated_at) "
				+ "SELECT 'NSE', 'FNO' || lpad(CAST(n AS TEXT), 3, '0'), 'EQ', now() FROM generate_series(1, ?) n",
				INSTRUMENTS);
		Partitions partitions = new Partitions(jdbc, NOW);
		for (YearMonth m = YearMonth.from(FIRST); !m.isAfter(YearMonth.from(TODAY)); m = m.plusMonths(1)) {
			partitions.create("candle", m);
			partitions.create("ltp_snapshot", m);
		}
		template.execute(DAYS);
		for (YearMonth m = YearMonth.from(FIRST); !m.isAfter(YearMonth.from(TODAY)); m = m.plusMonths(1)) {
			template.update(CANDLES, m.atDay(1), m.plusMonths(1).atDay(1));
		}
		template.update(COVERAGE);
		template.update(LTP);
		// FNO001's holes: 10 minutes on 12 Jan, the close of 13 Jan, all of 14 Jan
		template.update("DELETE FROM candle WHERE instrument_id = (SELECT id FROM instrument WHERE symbol = 'FNO001') "
				+ "AND ((ts >= '2026-01-12 10:00+05:30' AND ts < '2026-01-12 10:10+05:30') "
				+ "OR ts = '2026-01-13 15:29+05:30' OR (ts >= '2026-01-14 00:00+05:30' AND ts < '2026-01-15 00:00+05:30'))");
		template.execute("VACUUM ANALYZE");
		long rows = template.queryForObject("SELECT COUNT(*) FROM candle", Long.class);
		report.add(String.format("data: %d instruments, %,d 1-minute candles, built in %.0f s", INSTRUMENTS, rows,
				(System.nanoTime() - built) / 1e9));

		CalendarRepository calendars = new CalendarRepository(jdbc, "NSE", false);
		Completeness completeness = new Completeness(jdbc, calendars::load,
				new CandleCoverage(template, SqlDialect.of(dataSource), TradingCalendar.IST), NOW, CoveragePolicy.NONE);
		DataQueries queries = new DataQueries(jdbc, calendars, completeness,
				new InstrumentDirectory(jdbc, "sim", "NSE"), NOW, "FNO");
		List<Instrument> fno = template.query("SELECT id, symbol FROM instrument ORDER BY symbol",
				(rs, i) -> new Instrument(rs.getLong(1), "NSE", rs.getString(2), null, rs.getString(2), "EQ", null));
		Instrument holey = fno.get(0);

		report.add(measure("freshness of the F&O universe (/actuator/health)", 200, () -> {
			assertThat(queries.freshness(fno).instruments()).hasSize(INSTRUMENTS);
			return null;
		}));
		report.add(measure("completeness of one F&O day", 200, () -> {
			assertThat(completeness.day(LocalDate.of(2026, 10, 29), fno).instruments())
				.allSatisfy(day -> assertThat(day.missingMinutes()).isZero());
			return null;
		}));
		report.add(measure("one instrument's gaps over a year", 200, () -> {
			assertThat(completeness.incompleteDayReports(holey, FIRST, TODAY.minusDays(1)))
				.extracting(Completeness.InstrumentDay::missingMinutes)
				.containsExactly(10, 1, 375);
			return null;
		}));
		report.add(measure("historyBackfill deciding two complete months are complete", 2000, () -> {
			int incomplete = 0;
			for (Instrument instrument : fno) {
				incomplete += completeness
					.incompleteDays(instrument.id(), LocalDate.of(2026, 8, 1), LocalDate.of(2026, 9, 30))
					.size();
			}
			assertThat(incomplete).isZero();
			return null;
		}));
		Path out = Path.of("target/benchmark/partitioned-reads.txt");
		Files.createDirectories(out.getParent());
		Files.write(out, report);
		report.addAll(health(dataSource.getUrl()));
		Files.write(out, report);
		report.forEach(System.out::println);
		dataSource.destroy();
	}

	/**
	 * {@code GET /actuator/health} of the service on this year, its default universe the
	 * F&O one: the first call (it computes the freshness it then keeps for a minute) and
	 * the median of five after it.
	 */
	private static List<String> health(String url) throws Exception {
		JdbcTemplate template = new JdbcTemplate(new SingleConnectionDataSource(url, "postgres", "", true));
		template.update("INSERT INTO universe (name, source, updated_at) VALUES ('FNO', 'bench', now()) "
				+ "ON CONFLICT (name) DO NOTHING");
		template.update("INSERT INTO universe_member (universe, instrument_id) SELECT 'FNO', id FROM instrument "
				+ "ON CONFLICT DO NOTHING");
		try (ConfigurableApplicationContext service = new SpringApplicationBuilder(MarketBatchApplication.class).run(
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--server.port=0", "--marketbatch.service=true",
				"--marketbatch.admin.token=bench-admin-token", "--marketbatch.schedule.enabled=false",
				"--marketbatch.catch-up.enabled=false", "--marketbatch.progress=false", "--marketbatch.universe=FNO",
				"--marketbatch.now=" + NOW.instant(), "--spring.main.banner-mode=off")) {
			int port = service.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
			HttpClient http = HttpClient.newHttpClient();
			HttpRequest get = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
				.build();
			List<Double> millis = new ArrayList<>();
			String body = "";
			for (int i = 0; i < 6; i++) {
				long start = System.nanoTime();
				HttpResponse<String> answer = http.send(get, HttpResponse.BodyHandlers.ofString());
				millis.add((System.nanoTime() - start) / 1e6);
				assertThat(answer.statusCode()).isEqualTo(200);
				body = answer.body();
			}
			double first = millis.remove(0);
			Collections.sort(millis);
			double median = millis.get(2);
			return List.of(
					String.format("%-62s first %8.1f ms, target 50 ms: %.2f x target",
							"/actuator/health (computes the universe's freshness)", first, first / 50),
					String.format("%-62s median %8.1f ms (runs %s), target 50 ms: %.2f x target",
							"/actuator/health (freshness kept for a minute)", median,
							millis.stream().map(m -> String.format("%.0f", m)).toList(), median / 50),
					"  its answer: " + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
		}
	}

	private static String measure(String what, long targetMillis, Supplier<Void> run) {
		run.get();
		List<Double> millis = new ArrayList<>();
		for (int i = 0; i < 5; i++) {
			long start = System.nanoTime();
			run.get();
			millis.add((System.nanoTime() - start) / 1e6);
		}
		Collections.sort(millis);
		double median = millis.get(2);
		return String.format("%-62s median %8.1f ms (runs %s), target %d ms: %.2f x target", what, median,
				millis.stream().map(m -> String.format("%.0f", m)).toList(), targetMillis, median / targetMillis);
	}

}
