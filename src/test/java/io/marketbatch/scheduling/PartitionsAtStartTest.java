package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.support.TestDatabases;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on an embedded PostgreSQL, its clock at 2026-11-20: once started, the
 * monthly partitions of November 2026 to February 2027 exist for both tables; the
 * housekeeping job keeps them and, with {@code marketbatch.retention.ltp=P100D}, drops
 * the {@code ltp_snapshot} month that ended before 12 August (July) and keeps August.
 */
@SpringBootTest(properties = { "marketbatch.service=true", "marketbatch.catch-up.enabled=false",
		"marketbatch.schedule.enabled=false", "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"marketbatch.universe=NIFTY50", "marketbatch.retention.ltp=P100D", "spring.main.banner-mode=off",
		"spring.main.web-application-type=none" })
class PartitionsAtStartTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newPostgresDatabase("partitionsatstart");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobLaunches launches;

	@Test
	void monthsAheadExistAfterStartAndHousekeepingDropsOldLtpMonths() throws Exception {
		for (String table : List.of("candle", "ltp_snapshot")) {
			assertThat(partitions(table)).containsExactly(table + "_p202611", table + "_p202612", table + "_p202701",
					table + "_p202702");
		}
		jdbc.queryForObject("SELECT create_month_partition('ltp_snapshot', DATE '2026-07-01')", Boolean.class);
		jdbc.queryForObject("SELECT create_month_partition('ltp_snapshot', DATE '2026-08-01')", Boolean.class);

		JobExecution execution = launches
			.launch(JobNames.HOUSEKEEPING,
					launches.prepare(JobNames.HOUSEKEEPING, Map.of("businessDate", "2026-11-20"), false))
			.execution();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitions("ltp_snapshot")).containsExactly("ltp_snapshot_p202608", "ltp_snapshot_p202611",
				"ltp_snapshot_p202612", "ltp_snapshot_p202701", "ltp_snapshot_p202702");
		assertThat(partitions("candle")).containsExactly("candle_p202611", "candle_p202612", "candle_p202701",
				"candle_p202702");
	}

	private List<String> partitions(String table) {
		return jdbc.queryForList(
				"SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
						+ "WHERE i.inhparent = CAST(? AS regclass) AND c.relname <> ? ORDER BY c.relname",
				String.class, table, table + "_default");
	}

}
