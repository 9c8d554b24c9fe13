package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.MarketBatchApplication;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.support.TestDatabases;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/**
 * The triggers stored in the database outlive the service: a pause through the API stays,
 * a changed cron is applied (keeping the pause), and a weekly fire missed while the
 * service was down runs exactly once when it returns. Two service starts on one embedded
 * PostgreSQL.
 */
class TriggersAcrossRestartsTest {

	private static final String NEVER = "0 0 0 1 1 ? 2099";

	private static ConfigurableApplicationContext service(String url, String... more) {
		List<String> args = new ArrayList<>(List.of("--marketbatch.service=true",
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--spring.datasource.url=" + url, "--spring.datasource.username=postgres",
				"--spring.datasource.password=", "--marketbatch.catch-up.enabled=false", "--marketbatch.progress=false",
				"--marketbatch.recovery.sweep-cron=", "--marketbatch.schedule.ltpSnapshot.cron=" + NEVER,
				"--marketbatch.schedule.gapFill.cron=" + NEVER));
		for (String arg : more) {
			args.add("--" + arg);
		}
		return new SpringApplicationBuilder(MarketBatchApplication.class).run(args.toArray(String[]::new));
	}

	private static TriggerKey trigger(String job) {
		return TriggerKey.triggerKey(job, SchedulingConfiguration.GROUP);
	}

	@Test
	void aRestartKeepsPausesAppliesACronChangeAndRunsAMissedWeeklyFireOnce() throws Exception {
		String url = TestDatabases.newPostgresDatabase("triggers");
		JdbcTemplate jdbc = new JdbcTemplate(new DriverManagerDataSource(url, "postgres", ""));
		java.util.Date instrumentSyncNext;
		try (ConfigurableApplicationContext first = service(url)) {
			// as POST /api/schedules/{job}/pause does
			Scheduler scheduler = first.getBean(Scheduler.class);
			scheduler.pauseTrigger(trigger(JobNames.INSTRUMENT_SYNC));
			scheduler.pauseTrigger(trigger(JobNames.DAILY_BACKFILL));
			instrumentSyncNext = scheduler.getTrigger(trigger(JobNames.INSTRUMENT_SYNC)).getNextFireTime();
		}
		// a one-instrument universe keeps the two-month backfill small
		jdbc.update(
				"INSERT INTO universe (name, description, source, updated_at) VALUES ('ONE', 'test', 'test', CURRENT_TIMESTAMP)");
		jdbc.update(
				"INSERT INTO universe_member (universe, instrument_id) SELECT 'ONE', id FROM instrument WHERE symbol = 'RELIANCE'");
		// what a shutdown before last Sunday 10:00 IST leaves stored: that fire still
		// ahead
		ZonedDateTime now = ZonedDateTime.now(TradingCalendar.IST);
		ZonedDateTime missed = now.with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY)).with(LocalTime.of(10, 0));
		if (missed.isAfter(now.minusMinutes(2))) {
			missed = missed.minusWeeks(1);
		}
		jdbc.update("UPDATE QRTZ_TRIGGERS SET NEXT_FIRE_TIME = ? WHERE TRIGGER_NAME = ? AND TRIGGER_GROUP = ?",
				missed.toInstant().toEpochMilli(), JobNames.HISTORY_BACKFILL, SchedulingConfiguration.GROUP);
		try (ConfigurableApplicationContext second = service(url, "marketbatch.universe=ONE",
				"marketbatch.schedule.dailyBackfill.cron=0 30 16 * * ?")) {
			Scheduler scheduler = second.getBean(Scheduler.class);
			Trigger sync = scheduler.getTrigger(trigger(JobNames.INSTRUMENT_SYNC));
			assertThat(scheduler.getTriggerState(sync.getKey())).isEqualTo(Trigger.TriggerState.PAUSED);
			assertThat(sync.getNextFireTime()).as("an unchanged trigger is not rebuilt").isEqualTo(instrumentSyncNext);
			assertThat(((CronTrigger) scheduler.getTrigger(trigger(JobNames.DAILY_BACKFILL))).getCronExpression())
				.isEqualTo("0 30 16 * * ?");
			assertThat(scheduler.getTriggerState(trigger(JobNames.DAILY_BACKFILL))).as("a changed cron keeps the pause")
				.isEqualTo(Trigger.TriggerState.PAUSED);
			await().atMost(Duration.ofSeconds(30))
				.until(() -> statuses(jdbc, JobNames.HISTORY_BACKFILL).contains("COMPLETED"));
			// the catch-up's look at the same missed fire meets the same instance
			second.getBean(ServiceLifecycle.class).missedFire(JobNames.HISTORY_BACKFILL);
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(5))
				.until(() -> statuses(jdbc, JobNames.HISTORY_BACKFILL).equals(List.of("COMPLETED")));
			assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?", Long.class,
					JobNames.HISTORY_BACKFILL))
				.isEqualTo(1);
			Instant next = scheduler.getTrigger(trigger(JobNames.HISTORY_BACKFILL)).getNextFireTime().toInstant();
			assertThat(next).as("on to the next Sunday 10:00").isAfter(now.toInstant());
			assertThat(next.atZone(TradingCalendar.IST).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
			// its business key comes from the missed Sunday, not from the return
			String to = jdbc.queryForObject(
					"SELECT p.PARAMETER_VALUE FROM BATCH_JOB_EXECUTION_PARAMS p WHERE p.PARAMETER_NAME = 'to'",
					String.class);
			assertThat(java.time.LocalDate.parse(to)).isBefore(missed.toLocalDate());
		}
	}

	private static List<String> statuses(JdbcTemplate jdbc, String job) {
		return jdbc.queryForList(
				"SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
						+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? ORDER BY e.JOB_EXECUTION_ID",
				String.class, job);
	}

}
