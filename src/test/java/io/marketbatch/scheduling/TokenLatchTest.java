package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.admin.CommandLine;
import io.marketbatch.admin.Commands;
import io.marketbatch.admin.TokenCommand;
import io.marketbatch.broker.CredentialStore;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.TokenRenewal;
import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.broker.sim.SimTrading;
import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestCalendars;
import io.marketbatch.support.TestData;
import io.marketbatch.support.TestDatabases;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A token that dies in the middle of running (the simulator's token lives 60 requests):
 * the account is latched at once (no further request, health DOWN with broker and time,
 * scheduled runs skipped without a job instance), and a new token through the API or the
 * command line lifts it without a restart, relaunching the runs the rejection cost.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "marketbatch.service=true", "marketbatch.admin.token=test-admin-token",
				"marketbatch.catch-up.enabled=false", "marketbatch.schedule.enabled=false",
				"marketbatch.now=2026-11-20T05:00:00Z", "marketbatch.progress=false",
				"marketbatch.retry.backoff=PT0.01S", "marketbatch.relaunch.delays=PT1S", "marketbatch.universe=NIFTY50",
				"marketbatch.sim.token-expires-after-requests=60", "marketbatch.token.poll=PT0.3S",
				"spring.main.banner-mode=off" })
@Import(SettableClock.Config.class)
class TokenLatchTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("tokenlatch");
		registry.add("spring.datasource.url", () -> url);
	}

	@LocalServerPort
	int port;

	@Autowired
	ScheduledRuns runs;

	@Autowired
	TokenWatch watch;

	@Autowired
	TokenRenewal renewal;

	@Autowired
	CredentialStore store;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	/** A price snapshot is only taken live: each fire of one stands inside its minute. */
	@Autowired
	SettableClock clock;

	private final HttpClient http = HttpClient.newHttpClient();

	SimFaults faults() {
		return TestData.simFaults(broker);
	}

	@BeforeEach
	void freshToken() {
		clock.reset();
		TestData.clean(jdbc, repository, broker);
		// a token the simulator has not seen: it lives another 60 requests
		renewal.renew("sim", "fresh-" + System.nanoTime(), Optional.empty());
	}

	static Instant ist(String local) {
		return LocalDateTime.parse(local).atZone(TradingCalendar.IST).toInstant();
	}

	long instances() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class);
	}

	List<String> statuses(String job) {
		return jdbc.queryForList(
				"SELECT e.STATUS FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
						+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? ORDER BY e.JOB_EXECUTION_ID",
				String.class, job);
	}

	HttpResponse<String> call(String method, String path, String body) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.header("Authorization", "Bearer test-admin-token")
			.timeout(Duration.ofSeconds(20));
		if (body == null) {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		else {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** 50 + 1 + 9 good requests, then the day's backfill meets the dead token. */
	private long runUntilTheTokenDies() {
		runs.fire(JobNames.DAILY_BACKFILL, ist("2026-11-18T16:00:00"));
		clock.setInside("2026-11-20T10:15", 5);
		runs.fire(JobNames.LTP_SNAPSHOT, ist("2026-11-20T10:15:00"));
		assertThat(statuses(JobNames.LTP_SNAPSHOT)).containsExactly("COMPLETED");
		long before = faults().requestCount();
		runs.fire(JobNames.DAILY_BACKFILL, ist("2026-11-19T16:00:00"));
		assertThat(statuses(JobNames.DAILY_BACKFILL)).containsExactly("COMPLETED", "FAILED");
		long after = faults().requestCount();
		// the 10th request was rejected; at most the other calls then in flight were sent
		assertThat(after - before).isBetween(10L, 13L);
		return after;
	}

	private void assertLatched(long requests) throws Exception {
		long instances = instances();
		clock.setInside("2026-11-20T10:16", 5);
		runs.fire(JobNames.LTP_SNAPSHOT, ist("2026-11-20T10:16:00"));
		runs.fire(JobNames.GAP_FILL, ist("2026-11-20T10:20:00"));
		runs.fire(JobNames.INSTRUMENT_SYNC, ist("2026-11-20T08:30:00"));
		watch.checkBeforeOpen();
		assertThat(faults().requestCount()).as("no request after the latch").isEqualTo(requests);
		assertThat(instances()).as("skipped firings create no job instance").isEqualTo(instances);
		HttpResponse<String> health = call("GET", "/actuator/health", null);
		assertThat(health.statusCode()).as("a monitor sees DOWN without reading the body").isEqualTo(503);
		assertThat(health.body()).contains("\"status\":\"DOWN\"").contains("\"broker\":\"sim\"").contains("rejectedAt");
		assertThat(health.body()).as("at the exchange's offset")
			.containsPattern("\"rejectedAt\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\+05:30\"");
	}

	private void assertRecovered() throws Exception {
		await().atMost(Duration.ofSeconds(30))
			.until(() -> statuses(JobNames.DAILY_BACKFILL).equals(List.of("COMPLETED", "FAILED", "COMPLETED"))
					&& statuses(JobNames.INSTRUMENT_SYNC).equals(List.of("COMPLETED"))
					&& statuses(JobNames.EOD_AGGREGATION).size() == 2);
		assertThat(call("GET", "/actuator/health", null).body()).doesNotContain("rejectedAt");
		clock.setInside("2026-11-20T10:30", 5);
		runs.fire(JobNames.LTP_SNAPSHOT, ist("2026-11-20T10:30:00"));
		assertThat(statuses(JobNames.LTP_SNAPSHOT)).containsExactly("COMPLETED", "COMPLETED");
		await().atMost(Duration.ofSeconds(10))
			.until(() -> statuses(JobNames.EOD_AGGREGATION).equals(List.of("COMPLETED", "COMPLETED")));
	}

	@Test
	void aRenewalThroughTheApiResumesWithoutARestart() throws Exception {
		long requests = runUntilTheTokenDies();
		assertLatched(requests);
		HttpResponse<String> put = call("PUT", "/api/brokers/sim/token", "{\"accessToken\":\"renewed-by-api\"}");
		assertThat(put.statusCode()).isEqualTo(200);
		assertThat(put.body()).contains("\"status\":\"UP\"").doesNotContain("renewed-by-api");
		assertRecovered();
	}

	@Test
	void aRenewalFromTheCommandLineOfAnotherProcessIsNoticed() throws Exception {
		long requests = runUntilTheTokenDies();
		assertLatched(requests);
		// another process: the same database, its own broker object
		TokenRenewal elsewhere = new TokenRenewal(store, new SimulatedBroker(TestCalendars::nse, Clock.systemUTC(),
				new SimFaults(Clock.systemUTC(), Duration.ZERO, 0, null, null, 1), SimTrading.PERFECT));
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		int exit = new TokenCommand(elsewhere, new PrintStream(out, true, StandardCharsets.UTF_8), System.err)
			.execute(CommandLine.parse(new String[] { "token", "set", "sim", "renewed-by-cli" }));
		assertThat(exit).isEqualTo(Commands.OK);
		assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("renewed-by-cli");
		assertRecovered();
	}

	@Test
	void theCheckBeforeTheOpenFindsADeadToken() throws Exception {
		faults().rejectToken(true);
		long before = faults().requestCount();
		watch.checkBeforeOpen();
		assertThat(faults().requestCount() - before).isEqualTo(1);
		HttpResponse<String> health = call("GET", "/actuator/health", null);
		assertThat(health.body()).contains("rejectedAt").contains("token set sim");
		long instances = instances();
		clock.setInside("2026-11-20T10:15", 5);
		runs.fire(JobNames.LTP_SNAPSHOT, ist("2026-11-20T10:15:00"));
		assertThat(instances()).isEqualTo(instances);
		assertThat(faults().requestCount() - before).isEqualTo(1);
		faults().rejectToken(false);
	}

}
