package io.marketbatch.admin.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.scheduling.RunGaveUp;
import io.marketbatch.scheduling.ScheduledRuns;
import io.marketbatch.scheduling.TokenWatch;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;
import io.marketbatch.support.TestDatabases;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Alerts from a real schedule: a scheduled dailyBackfill failing past its relaunches
 * against a broker outage (the simulator's) alerts once through every channel (a local
 * HTTP receiver for the webhook, Slack and Telegram, GreenMail for e-mail), not again
 * when it fails again, and "resolved" once a run of it completes; no secret in any text;
 * a failing channel fails no job.
 */
@SpringBootTest(properties = { "marketbatch.service=true", "spring.main.web-application-type=none",
		"marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false", "marketbatch.retry.backoff=PT0.01S",
		"marketbatch.retry.attempts=1", "marketbatch.schedule.enabled=false", "marketbatch.catch-up.enabled=false",
		"marketbatch.relaunch.delays=PT0.2S,PT0.2S", "marketbatch.universe=NIFTY50", "spring.main.banner-mode=off",
		"marketbatch.alerts.check-every=0", "marketbatch.alerts.timeout=PT2S",
		// the seed holds no 2027 holiday, which the calendar component reports in
		// November 2026: its own alert, not this test's
		"marketbatch.alerts.health-ignored=brokerToken,dataFreshness,calendar",
		"marketbatch.alerts.console-url=http://console.test:8080/", "marketbatch.admin.token=" + AlertsTest.ADMIN,
		"marketbatch.upstox.access-token=" + AlertsTest.UPSTOX,
		"marketbatch.alerts.telegram.bot-token=" + AlertsTest.BOT, "marketbatch.alerts.telegram.chat-id=4242",
		"marketbatch.alerts.email.to=ops@example.test", "marketbatch.alerts.email.from=market-batch@example.test" })
@Import({ SettableClock.Config.class, AlertsTest.FakeComponentHealth.class })
class AlertsTest {

	static final String ADMIN = "admin-secret-0123456789";

	static final String UPSTOX = "upstox-secret-0123456789";

	static final String BOT = "123456789:AAFakeBotTokenForTests_abcdefgh";

	static final AlertReceiver receiver = new AlertReceiver();

	static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		smtp.start();
	}

	@DynamicPropertySource
	static void endpoints(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("alerts");
		registry.add("spring.datasource.url", () -> url);
		registry.add("marketbatch.alerts.webhook.url", () -> receiver.url("/hook"));
		registry.add("marketbatch.alerts.slack.url", () -> receiver.url("/slack"));
		registry.add("marketbatch.alerts.telegram.base-url", () -> receiver.url("/tg"));
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
	}

	@AfterAll
	static void stopReceivers() throws Exception {
		receiver.close();
		smtp.stop();
	}

	@Autowired
	ScheduledRuns runs;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobRepository repository;

	@Autowired
	MarketDataSource broker;

	@Autowired
	SettableClock clock;

	@Autowired
	ApplicationEventPublisher events;

	@Autowired
	AlertChecks checks;

	@Autowired
	TokenWatch tokenWatch;

	/** A health component a test turns DOWN, as a calendar mismatch would. */
	@TestConfiguration(proxyBeanMethods = false)
	static class FakeComponentHealth {

		static final AtomicReference<Health> health = new AtomicReference<>(Health.up().build());

		@Bean
		HealthIndicator exchangeFeedHealthIndicator() {
			return health::get;
		}

	}

	@BeforeEach
	void cleanSlate() throws Exception {
		clock.reset();
		TestData.clean(jdbc, repository, broker);
		jdbc.update("DELETE FROM open_alert");
		receiver.reset();
		smtp.purgeEmailFromAllMailboxes();
		FakeComponentHealth.health.set(Health.up().build());
	}

	static Instant ist(String local) {
		return LocalDateTime.parse(local).atZone(TradingCalendar.IST).toInstant();
	}

	/** The instance's executions, oldest first. */
	List<String> statuses(String day) {
		return jdbc.queryForList("""
				SELECT e.STATUS FROM BATCH_JOB_EXECUTION e
				JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID
				  AND p.PARAMETER_NAME = 'businessDate' AND p.PARAMETER_VALUE = ?
				JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID AND i.JOB_NAME = 'dailyBackfill'
				ORDER BY e.JOB_EXECUTION_ID""", String.class, day);
	}

	long newestExecution(String job) {
		return jdbc
			.queryForObject("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
					+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?", Long.class, job);
	}

	/**
	 * Fires the day's scheduled dailyBackfill during an outage and waits until it is
	 * given up.
	 */
	void failPastRelaunches(String day) {
		TestData.simFaults(broker).reset(null, 0, 0L, null);
		runs.fire(JobNames.DAILY_BACKFILL, ist(day + "T16:00:00"));
		await().atMost(Duration.ofSeconds(20))
			.until(() -> statuses(day).equals(List.of("FAILED", "FAILED", "FAILED"))
					&& jdbc.queryForObject(
							"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION WHERE EXIT_MESSAGE LIKE '%relaunches failed%' "
									+ "AND JOB_EXECUTION_ID = ?",
							Long.class, newestExecution(JobNames.DAILY_BACKFILL)) == 1);
	}

	@Test
	void aRunGivenUpAlertsOnceUntilARunCompletesThenSaysResolved() throws Exception {
		failPastRelaunches("2026-11-19");
		long gaveUp = newestExecution(JobNames.DAILY_BACKFILL);
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/hook").size() == 1);
		JsonNode alert = receiver.at("/hook").get(0).json();
		assertThat(alert.path("state").asString()).isEqualTo("FIRING");
		assertThat(alert.path("job").asString()).isEqualTo("dailyBackfill");
		assertThat(alert.path("executionId").asLong()).isEqualTo(gaveUp);
		assertThat(alert.path("reason").asString()).contains("broker unavailable");
		assertThat(alert.path("fix").asString()).contains("restart " + gaveUp);
		assertThat(alert.path("link").asString()).isEqualTo("http://console.test:8080/executions/" + gaveUp);
		assertThat(alert.path("text").asString()).contains("dailyBackfill", "execution " + gaveUp);

		// the next day fails the same way: the alert is open, nothing is sent again
		failPastRelaunches("2026-11-18");
		await().during(Duration.ofMillis(700))
			.atMost(Duration.ofSeconds(3))
			.until(() -> receiver.at("/hook").size() == 1);

		// the broker is back: the next run of the job completes (one symbol, to be quick)
		TestData.simFaults(broker).reset(null, 0, null, null);
		long completed = runs
			.launch(JobNames.DAILY_BACKFILL, Map.of("businessDate", "2026-11-17", "symbols", "RELIANCE"))
			.orElseThrow()
			.getId();
		assertThat(statuses("2026-11-17")).containsExactly("COMPLETED");
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/hook").size() == 2);
		JsonNode resolved = receiver.at("/hook").get(1).json();
		assertThat(resolved.path("state").asString()).isEqualTo("RESOLVED");
		assertThat(resolved.path("job").asString()).isEqualTo("dailyBackfill");
		assertThat(resolved.path("executionId").asLong()).isEqualTo(completed);
		assertThat(resolved.path("text").asString()).contains("RESOLVED", "execution " + completed + " COMPLETED");

		// every channel: once raised, once resolved
		await().atMost(Duration.ofSeconds(10))
			.until(() -> receiver.at("/slack").size() == 2 && receiver.at("/tg").size() == 2
					&& smtp.getReceivedMessages().length == 2);
		JsonNode slack = receiver.at("/slack").get(0).json();
		assertThat(slack.propertyNames()).containsExactly("text");
		assertThat(slack.path("text").asString()).startsWith("ALERT market-batch: job dailyBackfill")
			.contains("/executions/" + gaveUp);
		assertThat(receiver.at("/slack").get(1).json().path("text").asString()).startsWith("RESOLVED");
		AlertReceiver.Received telegram = receiver.at("/tg").get(0);
		assertThat(telegram.path()).isEqualTo("/tg/bot" + BOT + "/sendMessage");
		assertThat(telegram.json().path("chat_id").asString()).isEqualTo("4242");
		assertThat(telegram.json().path("text").asString()).contains("dailyBackfill", "execution " + gaveUp);
		MimeMessage mail = smtp.getReceivedMessages()[0];
		assertThat(mail.getSubject()).contains("dailyBackfill", "execution " + gaveUp);
		assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("ops@example.test");
		assertThat(GreenMailUtil.getBody(mail)).contains("/executions/" + gaveUp);
		assertThat(smtp.getReceivedMessages()[1].getSubject()).startsWith("RESOLVED");
		assertNoSecretLeft();
	}

	@Test
	void noSecretLeavesInAnAlert() throws Exception {
		events.publishEvent(new RunGaveUp(
				"gapFill", 77, "upstream said: Authorization: Bearer " + UPSTOX + " for " + ADMIN
						+ "; password=hunter2hunter2; " + "see https://api.telegram.org/bot" + BOT + "/getMe",
				"renew " + UPSTOX));
		await().atMost(Duration.ofSeconds(10))
			.until(() -> receiver.at("/hook").size() == 1 && receiver.at("/slack").size() == 1
					&& receiver.at("/tg").size() == 1 && smtp.getReceivedMessages().length == 1);
		assertThat(receiver.at("/hook").get(0).json().path("reason").asString()).contains("******")
			.doesNotContain("hunter2");
		assertNoSecretLeft();
	}

	@Test
	void aFailingChannelFailsNoJobAndHoldsUpNoOther() throws Exception {
		receiver.failWith("/hook", 500);
		receiver.hang("/slack", 5);
		failPastRelaunches("2026-11-19");
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/tg").size() == 1);
		assertThat(receiver.at("/hook")).hasSize(1);

		// raising an alert while a channel hangs returns at once
		long started = System.nanoTime();
		events.publishEvent(new RunGaveUp("gapFill", 78, "sim: broker unavailable", "restart 78"));
		assertThat(Duration.ofNanos(System.nanoTime() - started)).as("not held up by the hanging channel")
			.isLessThan(Duration.ofMillis(500));

		TestData.simFaults(broker).reset(null, 0, null, null);
		assertThat(runs.launch(JobNames.DAILY_BACKFILL, Map.of("businessDate", "2026-11-17", "symbols", "RELIANCE"))
			.orElseThrow()
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'", Long.class))
			.isEqualTo(375);
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/tg").size() == 3);
		assertThat(receiver.at("/tg").get(2).json().path("text").asString())
			.startsWith("RESOLVED market-batch: job dailyBackfill");
	}

	List<JsonNode> hooks(String cause) {
		return receiver.at("/hook")
			.stream()
			.map(AlertReceiver.Received::json)
			.filter(json -> json.path("cause").asString().equals(cause))
			.toList();
	}

	@Test
	void staleDataInMarketHoursAndAnIncompleteDayAlertOnceEachThenResolve() {
		clock.setInside("2026-11-20T10:15", 0);
		checks.checkNow();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM open_alert WHERE cause = 'incomplete day'", Long.class))
			.as("no verdict before the day's dailyBackfill completed")
			.isZero();
		// the day's backfill completes, yet leaves all but one instrument without candles
		assertThat(runs.launch(JobNames.DAILY_BACKFILL, Map.of("businessDate", "2026-11-19", "symbols", "RELIANCE"))
			.orElseThrow()
			.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		checks.checkNow();
		checks.checkNow();
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/hook").size() >= 2);
		List<JsonNode> stale = hooks("data stale");
		assertThat(stale).hasSize(1);
		assertThat(stale.get(0).path("universe").asString()).isEqualTo("NIFTY50");
		assertThat(stale.get(0).path("reason").asString()).startsWith("50 of 50 instruments stale during market hours")
			.contains("ADANIENT (LTP none yet, 1m candle none yet)");
		assertThat(stale.get(0).path("link").asString()).isEqualTo("http://console.test:8080/health");
		List<JsonNode> incomplete = hooks("incomplete day");
		assertThat(incomplete).hasSize(1);
		assertThat(incomplete.get(0).path("reason").asString())
			.startsWith("2026-11-19: 2.0% of the expected 1-minute candles are stored (threshold 99%); 49 of 50");
		assertThat(incomplete.get(0).path("fix").asString())
			.contains("historyBackfill from=2026-11-19 to=2026-11-19 universe=NIFTY50");
		assertThat(incomplete.get(0).path("link").asString())
			.isEqualTo("http://console.test:8080/completeness?date=2026-11-19&universe=NIFTY50");

		assertThat(runs.launch(JobNames.DAILY_BACKFILL, Map.of("businessDate", "2026-11-19")).orElseThrow().getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(runs.launch(JobNames.GAP_FILL, Map.of("runAt", "2026-11-20T10:15")).orElseThrow().getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		clock.setInside("2026-11-20T10:16", 1);
		assertThat(runs.launch(JobNames.LTP_SNAPSHOT, Map.of("minute", "2026-11-20T10:16")).orElseThrow().getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		checks.checkNow();
		checks.checkNow();
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/hook").size() >= 4);
		assertThat(hooks("data stale")).extracting(json -> json.path("state").asString())
			.containsExactly("FIRING", "RESOLVED");
		assertThat(hooks("incomplete day")).extracting(json -> json.path("state").asString())
			.containsExactly("FIRING", "RESOLVED");
		assertThat(receiver.at("/hook")).hasSize(4);
	}

	@Test
	void aHealthComponentGoingDownAlertsWithItsDetailsThenResolves() {
		FakeComponentHealth.health.set(Health.down()
			.withDetail("mismatches", List.of("2026-11-24: the exchange is closed, the calendar says open"))
			.withDetail("fix", "edit trading_day for 2026-11-24")
			.build());
		checks.checkNow();
		checks.checkNow();
		await().atMost(Duration.ofSeconds(10)).until(() -> receiver.at("/hook").size() >= 1);
		List<JsonNode> health = hooks("unhealthy");
		assertThat(health).hasSize(1);
		assertThat(health.get(0).path("health").asString()).isEqualTo("exchangeFeed");
		assertThat(health.get(0).path("reason").asString()).startsWith("exchangeFeed is DOWN")
			.contains("2026-11-24: the exchange is closed");
		assertThat(health.get(0).path("fix").asString()).isEqualTo("edit trading_day for 2026-11-24");
		FakeComponentHealth.health.set(Health.up().build());
		checks.checkNow();
		await().atMost(Duration.ofSeconds(10)).until(() -> hooks("unhealthy").size() == 2);
		assertThat(hooks("unhealthy").get(1).path("state").asString()).isEqualTo("RESOLVED");
	}

	@Test
	void aTokenRejectedAtTheCheckBeforeTheOpenAlertsOnceThenResolvesWhenItWorks() {
		TestData.simFaults(broker).rejectToken(true);
		tokenWatch.checkBeforeOpen();
		tokenWatch.checkBeforeOpen();
		await().atMost(Duration.ofSeconds(10)).until(() -> hooks("broker token").size() == 1);
		JsonNode alert = hooks("broker token").get(0);
		assertThat(alert.path("broker").asString()).isEqualTo("sim");
		assertThat(alert.path("reason").asString()).startsWith("the token was rejected before the open");
		assertThat(alert.path("fix").asString()).contains("token set sim");
		TestData.simFaults(broker).rejectToken(false);
		((RetryingMarketDataSource) broker).resetToken();
		tokenWatch.checkBeforeOpen();
		await().atMost(Duration.ofSeconds(10)).until(() -> hooks("broker token").size() == 2);
		assertThat(hooks("broker token").get(1).path("state").asString()).isEqualTo("RESOLVED");
		assertThat(receiver.at("/hook")).hasSize(2);
	}

	private void assertNoSecretLeft() throws Exception {
		for (AlertReceiver.Received request : receiver.all()) {
			assertThat(request.body()).doesNotContain(ADMIN, UPSTOX, BOT, "hunter2");
		}
		for (MimeMessage mail : smtp.getReceivedMessages()) {
			assertThat(mail.getSubject() + GreenMailUtil.getBody(mail)).doesNotContain(ADMIN, UPSTOX, BOT, "hunter2");
		}
	}

}
