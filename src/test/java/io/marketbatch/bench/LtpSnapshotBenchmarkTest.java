package io.marketbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.MarketBatchApplication;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.support.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The live-price benchmark of issue 10: one ltpSnapshot of 5,000 instruments (ten calls
 * of the simulated broker's 500, each taking 100 ms) on PostgreSQL, against the 1.0 s
 * target; the job's own duration, start to end in batch_job_execution. Not part of
 * {@code verify}; run it with {@code ./mvnw -Pbenchmark verify}. Figures go to
 * target/benchmark/ltp-snapshot.txt.
 */
@Tag("benchmark")
class LtpSnapshotBenchmarkTest {

	private static final int INSTRUMENTS = 5_000;

	private static final int ROUNDS = 7;

	/** The first rounds warm the JVM up; the service takes a snapshot every minute. */
	private static final int WARM_UP = 2;

	private static final String NOW = System.getProperty("bench.now", "2026-10-29T06:30:00Z");

	@Test
	void snapshotOfFiveThousandInstruments() throws Exception {
		String url = TestDatabases.newPostgresDatabase("ltpbench");
		List<Double> seconds = new ArrayList<>();
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(MarketBatchApplication.class).run(
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--marketbatch.progress=false", "--marketbatch.sim.latency=PT0.1S",
				// mid-session (12:00 IST, ticking), so each round captures the minute it
				// runs in
				"--marketbatch.now=" + NOW, "--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration")) {
			addInstruments(context.getBean(JdbcTemplate.class));
			JobLaunches jobs = context.getBean(JobLaunches.class);
			for (int round = 0; round < ROUNDS; round++) {
				try (Connection c = DriverManager.getConnection(url, "postgres", "");
						Statement s = c.createStatement()) {
					s.execute("TRUNCATE ltp_snapshot");
				}
				// the current minute; rerun: a round in the same minute is a new instance
				JobExecution execution = jobs
					.launch(JobNames.LTP_SNAPSHOT,
							jobs.prepare(JobNames.LTP_SNAPSHOT, Map.of("universe", "BENCH5000"), true))
					.execution();
				assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
				assertThat(context.getBean(JdbcTemplate.class)
					.queryForObject("SELECT COUNT(*) FROM ltp_snapshot", Long.class)).isEqualTo(INSTRUMENTS);
				Map<String, Object> row = context.getBean(JdbcTemplate.class)
					.queryForMap("SELECT START_TIME, END_TIME FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
							execution.getId());
				seconds.add(
						Duration
							.between(((Timestamp) row.get("START_TIME")).toInstant(),
									((Timestamp) row.get("END_TIME")).toInstant())
							.toMillis() / 1000.0);
			}
		}
		List<Double> measured = seconds.subList(WARM_UP, ROUNDS);
		double median = measured.stream().sorted().toList().get(measured.size() / 2);
		String report = String.format(
				"""
						ltpSnapshot of %,d instruments on PostgreSQL (sim broker, 500 per call, 100 ms per call, %d cores, now=%s)
						  job duration (batch_job_execution start to end): median %.3f s of %d runs: %s
						  (first %d runs, JVM warming up, not counted: %s)
						  target 1.0 s: %s
						""",
				INSTRUMENTS, Runtime.getRuntime().availableProcessors(), NOW, median, measured.size(), times(measured),
				WARM_UP, times(seconds.subList(0, WARM_UP)), median <= 1.0 ? "met" : "missed");
		System.out.println(report);
		Path dir = Path.of("target", "benchmark");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("ltp-snapshot.txt"), report);
	}

	private static String times(List<Double> seconds) {
		return String.join(", ", seconds.stream().map(s -> String.format("%.3f s", s)).toList());
	}

	/**
	 * 5,000 synthetic instruments in a universe of their own; the simulator prices any
	 * symbol.
	 */
	private static void addInstruments(JdbcTemplate jdbc) {
		jdbc.update("INSERT INTO universe (name, description, source, updated_at) "
				+ "VALUES ('BENCH5000', 'benchmark', 'test', CURRENT_TIMESTAMP)");
		List<Object[]> rows = new ArrayList<>();
		for (int i = 0; i < INSTRUMENTS; i++) {
			rows.add(new Object[] { String.format("BENCH%04d", i) });
		}
		jdbc.batchUpdate("INSERT INTO instrument (exchange, symbol, instrument_type, updated_at) "
				+ "VALUES ('NSE', ?, 'EQ', CURRENT_TIMESTAMP)", rows);
		jdbc.update("INSERT INTO universe_member (universe, instrument_id) "
				+ "SELECT 'BENCH5000', id FROM instrument WHERE symbol LIKE 'BENCH%'");
	}

}
