package io.marketbatch.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The admin HTTP API on a real port, against a real database (H2 and PostgreSQL
 * subclasses): every endpoint's happy path, the 400/401/404 cases with nothing launched,
 * completeness numbers against known holes, restart of a FAILED execution, and the token
 * rules.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "marketbatch.service=true", "marketbatch.admin.token=test-admin-token",
				"marketbatch.catch-up.enabled=false", "marketbatch.schedule.enabled=true",
				"marketbatch.schedule.ltpSnapshot.cron=0 0 0 1 1 ? 2099",
				"marketbatch.schedule.gapFill.cron=0 0 0 1 1 ? 2099", "marketbatch.now=2026-11-20T12:00:00Z",
				"marketbatch.progress=false", "marketbatch.retry.backoff=PT0.01S", "marketbatch.relaunch.delays=",
				"spring.main.banner-mode=off" })
@Import(SettableClock.Config.class)
abstract class AdminApiContract {

	@Autowired
	JobRepository jobRepository;

	static final String TOKEN = "test-admin-token";

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobLaunches jobs;

	@Autowired
	ExecutionControl control;

	@Autowired
	MarketDataSource broker;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	/** Every instant the API answers: ISO-8601 at the exchange's offset. */
	static final String IST_INSTANT = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\+05:30";

	@Autowired
	SettableClock clock;

	@BeforeEach
	void cleanSlate() {
		clock.reset();
		TestData.clean(jdbc, jobRepository, broker);
	}

	record Reply(int status, JsonNode body, String text) {
	}

	Reply call(String method, String path, String body, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		if (body != null) {
			request.header("Content-Type", "application/json")
				.method(method, HttpRequest.BodyPublishers.ofString(body));
		}
		else {
			request.method(method, HttpRequest.BodyPublishers.noBody());
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		JsonNode parsed = null;
		try {
			parsed = response.body().isBlank() ? null : json.readTree(response.body());
		}
		catch (RuntimeException e) {
			// not JSON (prometheus text)
		}
		return new Reply(response.statusCode(), parsed, response.body());
	}

	Reply get(String path) throws Exception {
		return call("GET", path, null, TOKEN);
	}

	Reply post(String path, String body) throws Exception {
		return call("POST", path, body, TOKEN);
	}

	long instances() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class);
	}

	/**
	 * An execution's times: at the IST offset, and the real instants of this run (Spring
	 * Batch takes them from the system clock, not the pretended one).
	 */
	static void assertExecutionTimesInIst(JsonNode execution, Instant notBefore) {
		for (String field : new String[] { "created", "started", "ended" }) {
			String value = execution.path(field).asString();
			assertThat(value).as(field).matches(IST_INSTANT);
			assertThat(OffsetDateTime.parse(value).toInstant()).as(field)
				.isBetween(notBefore.minusSeconds(1), Instant.now().plusSeconds(1));
		}
		assertThat(OffsetDateTime.parse(execution.path("started").asString()))
			.isBeforeOrEqualTo(OffsetDateTime.parse(execution.path("ended").asString()));
	}

	JsonNode awaitEnd(long id) throws Exception {
		await().atMost(Duration.ofSeconds(60)).until(() -> {
			String status = get("/api/executions/" + id).body().path("status").asString();
			return !status.equals("STARTING") && !status.equals("STARTED") && !status.equals("STOPPING");
		});
		return get("/api/executions/" + id).body();
	}

	@Test
	void healthIsOpenAndEverythingElseNeedsTheToken() throws Exception {
		Reply health = call("GET", "/actuator/health", null, null);
		assertThat(health.status()).isEqualTo(200);
		assertThat(health.body().path("status").asString()).isEqualTo("UP");
		assertThat(health.body().path("components").has("brokerToken")).isTrue();
		assertThat(call("GET", "/actuator/health/scheduler", null, null).status()).isEqualTo(200);
		assertThat(call("GET", "/api/jobs", null, null).status()).isEqualTo(401);
		assertThat(call("GET", "/api/jobs", null, "wrong-token").status()).isEqualTo(401);
		assertThat(call("GET", "/actuator/prometheus", null, null).status()).isEqualTo(401);
		assertThat(call("POST", "/api/jobs/ltpSnapshot/executions", "{}", "test-admin-toke").status()).isEqualTo(401);
		assertThat(instances()).isZero();
	}

	@Test
	void jobsListsTheEightJobsWithSchedules() throws Exception {
		Reply jobs = get("/api/jobs");
		assertThat(jobs.status()).isEqualTo(200);
		assertThat(jobs.body()).hasSize(8);
		assertThat(jobs.body().get(7).path("name").asString()).isEqualTo("liveCapture");
		assertThat(jobs.body().get(6).path("name").asString()).isEqualTo("housekeeping");
		assertThat(jobs.body().get(5).path("name").asString()).isEqualTo("historyBackfill");
		assertThat(jobs.body().get(5).path("schedule").path("cron").asString()).isEqualTo("0 0 10 ? * SUN");
		String next = jobs.body().get(5).path("schedule").path("nextFireTime").asString();
		assertThat(next).as("Sundays 10:00 IST").matches(IST_INSTANT).contains("T10:00:00+05:30");
		assertThat(OffsetDateTime.parse(next).getDayOfWeek()).isEqualTo(DayOfWeek.SUNDAY);
		assertThat(get("/api/schedules").body()).hasSize(7)
			.allSatisfy(schedule -> assertThat(schedule.path("nextFireTime").asString()).matches(IST_INSTANT));
	}

	@Test
	void aLaunchAnswers202AndReachesCompletedWithItsSteps() throws Exception {
		Instant before = Instant.now();
		Reply launched = post("/api/jobs/historyBackfill/executions",
				"{\"from\":\"2026-10-28\",\"to\":\"2026-10-29\",\"symbols\":\"RELIANCE,TCS\"}");
		assertThat(launched.status()).isEqualTo(202);
		long id = launched.body().path("id").asLong();
		JsonNode done = awaitEnd(id);
		assertThat(done.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.path("steps").get(0).path("written").asLong()).as("one request window per symbol").isEqualTo(2);
		assertThat(done.path("parameters").path("symbols").asString()).isEqualTo("RELIANCE,TCS");
		assertExecutionTimesInIst(done, before);
		Reply history = get("/api/jobs/historyBackfill/executions?status=COMPLETED&limit=5");
		assertThat(history.body()).hasSize(1);
		assertExecutionTimesInIst(history.body().get(0), before);
		assertExecutionTimesInIst(get("/api/jobs").body().get(5).path("lastExecution"), before);
		Reply completeness = get("/api/data/completeness?date=2026-10-29&symbols=RELIANCE,TCS");
		assertThat(completeness.body().path("instruments")).hasSize(2);
		assertThat(completeness.body().path("instruments").get(0).path("expectedMinutes").asInt()).isEqualTo(375);
		assertThat(completeness.body().path("instruments").get(0).path("presentMinutes").asInt()).isEqualTo(375);
		Reply bars = get("/api/candles/RELIANCE?timeframe=1m&from=2026-10-29&to=2026-10-29");
		assertThat(bars.body()).hasSize(375);
		assertThat(bars.body().get(0).path("ts").asString()).isEqualTo("2026-10-29T09:15:00+05:30");
		assertThat(bars.body().get(60).path("ts").asString()).isEqualTo("2026-10-29T10:15:00+05:30");
		assertThat(bars.body()).allSatisfy(bar -> assertThat(bar.path("ts").asString()).matches(IST_INSTANT));
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"from\":\"yesterday\"}", "{\"from\":\"2026-10-30\",\"to\":\"2026-09-01\"}", "not json",
			"{\"universe\":\"NOSUCHLIST\"}", "{\"symbols\":\"RELIANCE,NOSUCH\"}", "{\"from\":[1]}", "[\"from\"]",
			"{\"to\":\"2027-01-01\"}", "{\"days\":\"3\"}" })
	void aMalformedLaunchIs400WithAMessageAndLaunchesNothing(String body) throws Exception {
		Reply reply = post("/api/jobs/historyBackfill/executions", body);
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body().path("error").asString()).isNotBlank();
		assertThat(instances()).isZero();
	}

	@Test
	void aLateSnapshotIs400AndLaunchesNothing() throws Exception {
		Reply reply = post("/api/jobs/ltpSnapshot/executions", "{\"minute\":\"2026-11-20T10:15\"}");
		assertThat(reply.status()).isEqualTo(400);
		assertThat(reply.body().path("error").asString())
			.startsWith("minute 2026-11-20T10:15 ended 7 h 14 min ago; a price snapshot can only be taken live");
		assertThat(instances()).isZero();
	}

	@Test
	void unknownThingsAre404() throws Exception {
		assertThat(post("/api/jobs/nosuchjob/executions", "{}").status()).isEqualTo(404);
		assertThat(get("/api/executions/424242").status()).isEqualTo(404);
		assertThat(get("/api/jobs/nosuchjob/executions").status()).isEqualTo(404);
		assertThat(post("/api/schedules/eodAggregation/pause", null).status()).isEqualTo(404);
		assertThat(instances()).isZero();
	}

	@Test
	void completenessReportsTheKnownHoles() throws Exception {
		jobs.launch(JobNames.DAILY_BACKFILL, jobs.prepare(JobNames.DAILY_BACKFILL,
				Map.of(JobRequests.BUSINESS_DATE, "2026-10-29", JobRequests.SYMBOLS, "RELIANCE,TCS,INFY"), false));
		// holes: TCS 10:00-10:09 and 15:29; INFY the whole afternoon from 13:00
		jdbc.update("DELETE FROM candle WHERE instrument_id = (SELECT id FROM instrument WHERE symbol = 'TCS') AND "
				+ "(ts >= TIMESTAMP WITH TIME ZONE '2026-10-29 10:00:00+05:30' AND ts < TIMESTAMP WITH TIME ZONE '2026-10-29 10:10:00+05:30' "
				+ "OR ts = TIMESTAMP WITH TIME ZONE '2026-10-29 15:29:00+05:30')");
		jdbc.update("DELETE FROM candle WHERE instrument_id = (SELECT id FROM instrument WHERE symbol = 'INFY') AND "
				+ "ts >= TIMESTAMP WITH TIME ZONE '2026-10-29 13:00:00+05:30'");
		JsonNode report = get("/api/data/completeness?date=2026-10-29&symbols=INFY,RELIANCE,TCS").body();
		JsonNode infy = report.path("instruments").get(0);
		JsonNode reliance = report.path("instruments").get(1);
		JsonNode tcs = report.path("instruments").get(2);
		assertThat(infy.path("presentMinutes").asInt()).isEqualTo(375 - 150);
		assertThat(infy.path("missing")).hasSize(1);
		assertThat(infy.path("missing").get(0).path("from").asString()).isEqualTo("2026-10-29T13:00:00+05:30");
		assertThat(infy.path("missing").get(0).path("to").asString()).isEqualTo("2026-10-29T15:29:00+05:30");
		assertThat(reliance.path("percent").decimalValue()).isEqualByComparingTo("100");
		assertThat(tcs.path("presentMinutes").asInt()).isEqualTo(364);
		assertThat(tcs.path("missing")).hasSize(2);
		assertThat(tcs.path("missing").get(0).path("minutes").asInt()).isEqualTo(10);
		assertThat(tcs.path("missing").get(1).path("from").asString()).isEqualTo("2026-10-29T15:29:00+05:30");
		JsonNode gaps = get("/api/data/gaps?symbol=TCS&from=2026-10-28&to=2026-10-30").body();
		assertThat(gaps).hasSize(3);
		assertThat(gaps.get(1).path("missing").get(0).path("from").asString()).isEqualTo("2026-10-29T10:00:00+05:30");
		JsonNode closed = get("/api/data/completeness?date=2026-10-02&universe=NIFTY50").body();
		assertThat(closed.path("closedReason").asString()).isEqualTo("Gandhi Jayanti");
		assertThat(get("/api/data/completeness?date=29-10-2026&universe=NIFTY50").status()).isEqualTo(400);
		JsonNode fresh = get("/api/data/freshness?symbols=TCS").body();
		assertThat(fresh.path("marketOpen").asBoolean()).isFalse();
		assertThat(fresh.path("now").asString()).as("marketbatch.now 12:00Z, ticking")
			.matches(IST_INSTANT)
			.startsWith("2026-11-20T17:3");
		assertThat(fresh.path("instruments").get(0).path("lastCandle").asString())
			.as("TCS's last bar, 09:58Z: 15:29 is a hole")
			.isEqualTo("2026-10-29T15:28:00+05:30");
	}

	@Test
	void aFailedExecutionIsRestartedThroughTheApi() throws Exception {
		TestData.simFaults(broker).reset(null, 0, 0L, null);
		long id = post("/api/jobs/dailyBackfill/executions",
				"{\"businessDate\":\"2026-10-29\",\"symbols\":\"TCS,INFY\"}")
			.body()
			.path("id")
			.asLong();
		assertThat(awaitEnd(id).path("status").asString()).isEqualTo("FAILED");
		TestData.simFaults(broker).reset(null, 0, null, null);
		Reply restarted = post("/api/executions/" + id + "/restart", null);
		assertThat(restarted.status()).isEqualTo(202);
		long again = restarted.body().path("id").asLong();
		JsonNode done = awaitEnd(again);
		assertThat(done.path("status").asString()).isEqualTo("COMPLETED");
		assertThat(done.path("instanceId").asLong())
			.isEqualTo(get("/api/executions/" + id).body().path("instanceId").asLong());
		assertThat(post("/api/executions/" + id + "/abandon", null).status()).isEqualTo(400);
	}

	@Test
	void schedulesPauseAndResume() throws Exception {
		JsonNode paused = post("/api/schedules/dailyBackfill/pause", null).body();
		assertThat(paused.path("paused").asBoolean()).isTrue();
		assertThat(paused.path("nextFireTime").asString()).matches(IST_INSTANT);
		assertThat(get("/api/jobs").body().get(3).path("schedule").path("paused").asBoolean()).isTrue();
		assertThat(post("/api/schedules/dailyBackfill/resume", null).body().path("paused").asBoolean()).isFalse();
	}

	@Test
	void prometheusHasTheBatchTimersWithTheToken() throws Exception {
		clock.setInside("2026-10-29T10:15", 5);
		post("/api/jobs/ltpSnapshot/executions", "{\"minute\":\"2026-10-29T10:15\",\"universe\":\"NIFTY50\"}");
		await().atMost(Duration.ofSeconds(20))
			.until(() -> get("/actuator/prometheus").text().contains("spring_batch_job"));
		assertThat(get("/actuator/prometheus").text()).contains("marketbatch_broker_requests_total")
			.contains("marketbatch_rows_written_total");
	}

}
