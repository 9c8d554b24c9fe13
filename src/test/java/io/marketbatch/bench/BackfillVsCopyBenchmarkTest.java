package io.marketbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.MarketBatchApplication;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.support.TestDatabases;

import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The write-path benchmark of the foundation issue: candles/s of the two-month NIFTY 50
 * historyBackfill (sim broker) on PostgreSQL, against a raw {@code \copy} of the very
 * same rows into a table of the same shape, on the same server. Not part of
 * {@code verify}; run it with {@code ./mvnw -Pbenchmark verify} (the JVM gets -Xmx256m).
 * Figures go to target/benchmark/backfill-vs-copy.txt.
 */
@Tag("benchmark")
class BackfillVsCopyBenchmarkTest {

	private static final int ROUNDS = 3;

	@Test
	void backfillAgainstRawCopy() throws Exception {
		String url = TestDatabases.newPostgresDatabase("bench");
		List<Double> jobRates = new ArrayList<>();
		long candles = 0;
		Path csv = Files.createTempFile("candles", ".csv");
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MarketBatchApplication.class).run(
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--marketbatch.progress=false",
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration")) {
			JobLaunches jobs = context.getBean(JobLaunches.class);
			for (int round = 0; round < ROUNDS; round++) {
				try (Connection c = DriverManager.getConnection(url, "postgres", "");
						Statement s = c.createStatement()) {
					s.execute("TRUNCATE candle");
					s.execute("VACUUM ANALYZE candle");
				}
				JobExecution execution = jobs
					.launch(JobNames.HISTORY_BACKFILL,
							jobs.prepare(JobNames.HISTORY_BACKFILL,
									Map.of("from", "2026-09-01", "to", "2026-10-30", "universe", "NIFTY50"), true))
					.execution();
				assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
				StepExecution step = execution.getStepExecutions().iterator().next();
				candles = step.getExecutionContext().getLong("rows.written");
				double seconds = Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1000.0;
				jobRates.add(candles / seconds);
			}
			assertThat(candles).isEqualTo(50L * 41 * 375);
		}
		List<Double> copyRates = new ArrayList<>();
		String how;
		try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement()) {
			try (Writer out = Files.newBufferedWriter(csv)) {
				c.unwrap(PGConnection.class).getCopyAPI().copyOut("COPY candle TO STDOUT (FORMAT csv)", out);
			}
			s.execute("CREATE TABLE candle_copy (LIKE candle INCLUDING ALL)");
			s.execute("ALTER TABLE candle_copy ADD FOREIGN KEY (instrument_id) REFERENCES instrument (id)");
			boolean psql = new ProcessBuilder("psql", "--version").start().waitFor() == 0;
			how = psql ? "psql \\copy" : "COPY FROM STDIN (pgjdbc CopyManager; no psql on PATH)";
			for (int round = 0; round < ROUNDS; round++) {
				s.execute("TRUNCATE candle_copy");
				s.execute("VACUUM ANALYZE candle_copy");
				long start = System.nanoTime();
				if (psql) {
					Process p = new ProcessBuilder("psql", "-q", "-h", "localhost", "-p",
							String.valueOf(TestDatabases.postgres().getPort()), "-U", "postgres", "-d",
							url.replaceAll(".*/([^/?]+).*", "$1"), "-c",
							"\\copy candle_copy FROM '" + csv + "' (FORMAT csv)")
						.inheritIO()
						.start();
					assertThat(p.waitFor()).isZero();
				}
				else {
					try (Reader in = Files.newBufferedReader(csv)) {
						c.unwrap(PGConnection.class)
							.getCopyAPI()
							.copyIn("COPY candle_copy FROM STDIN (FORMAT csv)", in);
					}
				}
				copyRates.add(candles / ((System.nanoTime() - start) / 1e9));
			}
		}
		finally {
			Files.deleteIfExists(csv);
		}
		double job = median(jobRates);
		double copy = median(copyRates);
		String report = String.format("""
				historyBackfill NIFTY50 2026-09-01..2026-10-30 on PostgreSQL (sim broker, %d candles, max heap %d MiB)
				  historyBackfill: %,.0f candles/s (median of %d runs: %s)
				  raw copy:        %,.0f candles/s (median of %d runs: %s; %s)
				  ratio backfill / raw copy: %.2f
				""", candles, Runtime.getRuntime().maxMemory() / (1024 * 1024), job, ROUNDS, rates(jobRates), copy,
				ROUNDS, rates(copyRates), how, job / copy);
		System.out.println(report);
		Path dir = Path.of("target", "benchmark");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("backfill-vs-copy.txt"), report);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static String rates(List<Double> values) {
		return String.join(", ", values.stream().map(v -> String.format("%,.0f", v)).toList());
	}

}
