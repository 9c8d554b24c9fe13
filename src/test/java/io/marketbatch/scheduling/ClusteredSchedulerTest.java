package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.MarketBatchApplication;
import io.marketbatch.support.TestDatabases;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two service nodes on one PostgreSQL form one Quartz cluster: every firing happens on exactly
 * one node, and every snapshot minute has exactly one COMPLETED execution.
 */
class ClusteredSchedulerTest {

	private static ConfigurableApplicationContext node(String url) {
		return new SpringApplicationBuilder(MarketBatchApplication.class).run("--marketbatch.service=true",
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--marketbatch.calendar.always-open=true", "--marketbatch.catch-up.enabled=false",
				"--marketbatch.progress=false", "--marketbatch.universe=NIFTY50",
				"--marketbatch.schedule.ltpSnapshot.cron=0/2 * * * * ?");
	}

	private static double fires(ConfigurableApplicationContext node) {
		return node.getBean(MeterRegistry.class)
			.find("marketbatch.schedule.fires")
			.tag("job", "ltpSnapshot")
			.counters()
			.stream()
			.mapToDouble(c -> c.count())
			.sum();
	}

	private static long count(String url, String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(url, "postgres", ""); Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@Test
	void twoNodesFireEachTriggerOnceAndWriteEachMinuteOnce() throws Exception {
		String url = TestDatabases.newPostgresDatabase("cluster");
		try (ConfigurableApplicationContext a = node(url); ConfigurableApplicationContext b = node(url)) {
			await().atMost(Duration.ofSeconds(20)).until(() -> count(url, "SELECT COUNT(*) FROM qrtz_scheduler_state") == 2);
			long start = System.nanoTime();
			await().atMost(Duration.ofSeconds(40)).until(() -> fires(a) + fires(b) >= 6);
			double seconds = (System.nanoTime() - start) / 1e9;
			double total = fires(a) + fires(b);
			// a 2-second trigger fires about once per 2 s in all, not once per node: with two
			// nodes each firing it, 6 fires would come after ~6 s instead of ~12 s
			assertThat(seconds).isGreaterThan(8);
			assertThat(total).isLessThanOrEqualTo(seconds / 2 + 3);
			List<Double> perNode = List.of(fires(a), fires(b));
			assertThat(perNode).allMatch(n -> n <= total);
		}
		long minutes = count(url, "SELECT COUNT(DISTINCT minute) FROM ltp_snapshot");
		assertThat(minutes).isPositive();
		assertThat(count(url, "SELECT COUNT(*) FROM ltp_snapshot")).isEqualTo(50 * minutes);
		assertThat(count(url, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'ltpSnapshot'")).isEqualTo(minutes);
		assertThat(count(url, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
				+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'ltpSnapshot' AND e.STATUS = 'COMPLETED'"))
			.isEqualTo(minutes);
	}
}
