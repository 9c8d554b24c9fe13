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
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.listeners.TriggerListenerSupport;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two service nodes on one PostgreSQL form one Quartz cluster: every firing happens on
 * exactly one node, and every snapshot minute has exactly one COMPLETED execution.
 */
class ClusteredSchedulerTest {

	private static ConfigurableApplicationContext node(String url) {
		return new SpringApplicationBuilder(MarketBatchApplication.class).run("--marketbatch.service=true",
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--marketbatch.calendar.always-open=true",
				"--marketbatch.catch-up.enabled=false", "--marketbatch.progress=false",
				"--marketbatch.universe=NIFTY50", "--marketbatch.schedule.ltpSnapshot.cron=0/2 * * * * ?",
				// no live capture: it would run the whole (always open) session
				"--marketbatch.schedule.liveCapture.cron=0 0 0 1 1 ? 2099",
				// a node whose check-in a loaded machine delayed, and that the other node
				// therefore recovered, registers again within 2 s rather than 7.5
				"--spring.quartz.properties.org.quartz.jobStore.clusterCheckinInterval=2000");
	}

	/**
	 * Records every firing's trigger and scheduled time, on whichever node it happens.
	 */
	private static void record(ConfigurableApplicationContext node, String name, List<String> firings)
			throws Exception {
		node.getBean(Scheduler.class).getListenerManager().addTriggerListener(new TriggerListenerSupport() {
			@Override
			public String getName() {
				return "recorder-" + name;
			}

			@Override
			public void triggerFired(Trigger trigger, JobExecutionContext context) {
				if (trigger.getKey().getName().equals("ltpSnapshot")) {
					firings.add(context.getScheduledFireTime().toInstant() + " on " + name);
				}
			}
		});
	}

	/**
	 * Both schedulers stop firing; waits until neither runs a Quartz job and no Batch
	 * execution is unfinished, for longer than the trigger's period (a trigger a node
	 * acquired just before standby may still fire once).
	 */
	private static void settle(ConfigurableApplicationContext a, ConfigurableApplicationContext b, String url)
			throws Exception {
		Scheduler first = a.getBean(Scheduler.class);
		Scheduler second = b.getBean(Scheduler.class);
		first.standby();
		second.standby();
		await().atMost(Duration.ofSeconds(30))
			.during(Duration.ofSeconds(3))
			.until(() -> first.getCurrentlyExecutingJobs().isEmpty() && second.getCurrentlyExecutingJobs().isEmpty()
					&& count(url, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE END_TIME IS NULL") == 0);
	}

	private static long count(String url, String sql) throws Exception {
		try (Connection c = DriverManager.getConnection(url, "postgres", "");
				Statement s = c.createStatement();
				ResultSet rs = s.executeQuery(sql)) {
			rs.next();
			return rs.getLong(1);
		}
	}

	@Test
	void twoNodesFireEachTriggerOnceAndWriteEachMinuteOnce() throws Exception {
		String url = TestDatabases.newPostgresDatabase("cluster");
		List<String> firings = new CopyOnWriteArrayList<>();
		try (ConfigurableApplicationContext a = node(url); ConfigurableApplicationContext b = node(url)) {
			record(a, "a", firings);
			record(b, "b", firings);
			await().atMost(Duration.ofSeconds(20))
				.until(() -> count(url, "SELECT COUNT(*) FROM qrtz_scheduler_state") == 2);
			await().atMost(Duration.ofSeconds(40)).until(() -> firings.size() >= 6);
			// no new firing, and the minute in progress ends COMPLETED before the
			// contexts close (closing would stop it at a chunk boundary instead)
			settle(a, b, url);
		}
		// every scheduled fire time fired on exactly one node
		List<String> times = firings.stream().map(f -> f.substring(0, f.indexOf(" on "))).toList();
		assertThat(times).as(String.join(", ", firings)).doesNotHaveDuplicates();
		long minutes = count(url, "SELECT COUNT(DISTINCT minute) FROM ltp_snapshot");
		assertThat(minutes).isPositive();
		assertThat(count(url, "SELECT COUNT(*) FROM ltp_snapshot")).isEqualTo(50 * minutes);
		assertThat(count(url, "SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = 'ltpSnapshot'"))
			.isEqualTo(minutes);
		assertThat(count(url, "SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
				+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = 'ltpSnapshot' AND e.STATUS = 'COMPLETED'"))
			.isEqualTo(minutes);
	}

}
