package io.marketbatch.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.admin.CalendarCommand;
import io.marketbatch.admin.CommandLine;
import io.marketbatch.admin.Commands;
import io.marketbatch.admin.DataQueries;
import io.marketbatch.admin.ExecutionReport;
import io.marketbatch.admin.QueryCommands;
import io.marketbatch.admin.TokenCommand;
import io.marketbatch.admin.UniverseCommand;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.TokenRenewal;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.store.CalendarMismatches;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.UniverseStore;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;
import io.marketbatch.support.TestDatabases;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /api/universes} on a real port against a real H2, and the {@code universe}
 * command: the kinds listed, create/change/merge/delete, 400 naming the field, 404, 409,
 * the token rule, and a job launched over HTTP with a custom universe.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "marketbatch.admin.token=test-admin-token", "marketbatch.now=2026-11-20T12:00:00Z",
				"marketbatch.progress=false", "marketbatch.retry.backoff=PT0.01S", "spring.main.banner-mode=off",
				"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@Import(SettableClock.Config.class)
class UniversesApiTest {

	private static final String DATABASE = TestDatabases.newH2Database("universes-api");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> DATABASE);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	MarketDataSource broker;

	@Autowired
	UniverseStore store;

	@Autowired
	JobLaunches jobs;

	@Autowired
	ExecutionControl control;

	@Autowired
	ExecutionReport report;

	@Autowired
	DataQueries data;

	@Autowired
	TokenRenewal renewal;

	@Autowired
	CalendarRepository calendars;

	@Autowired
	CalendarMismatches mismatches;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	record Reply(int status, JsonNode body) {
	}

	@BeforeEach
	void cleanSlate() {
		TestData.clean(jdbc, jobRepository, broker);
		jdbc.update(
				"DELETE FROM universe_member WHERE universe IN (SELECT name FROM universe WHERE source = 'custom')");
		jdbc.update("DELETE FROM universe WHERE source = 'custom'");
	}

	Reply call(String method, String path, String body, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.header("Content-Type", "application/json")
			.method(method,
					body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Reply(response.statusCode(), response.body().isBlank() ? null : json.readTree(response.body()));
	}

	Reply call(String method, String path, String body) throws Exception {
		return call(method, path, body, "test-admin-token");
	}

	TreeSet<String> members(String universe) {
		return new TreeSet<>(jdbc.queryForList("SELECT i.symbol FROM universe_member m JOIN instrument i "
				+ "ON i.id = m.instrument_id WHERE m.universe = ?", String.class, universe));
	}

	static List<String> strings(JsonNode array) {
		List<String> values = new ArrayList<>();
		array.forEach(v -> values.add(v.asString()));
		return values;
	}

	@Test
	void everyKindIsListedAndEachOneShown() throws Exception {
		assertThat(call("GET", "/api/universes", null, null).status()).isEqualTo(401);
		assertThat(call("GET", "/api/universes", null, "wrong-token").status()).isEqualTo(401);
		Reply list = call("GET", "/api/universes", null);
		assertThat(list.status()).isEqualTo(200);
		List<String> names = new ArrayList<>();
		for (JsonNode u : list.body()) {
			names.add(u.path("name").asString());
			if (u.path("name").asString().equals("BANKNIFTY")) {
				assertThat(u.path("kind").asString()).isEqualTo("built-in");
				assertThat(u.path("members").asInt()).isEqualTo(BuiltInUniverses.symbols("BANKNIFTY").size());
				assertThat(u.path("description").asString()).contains("NIFTY Bank").contains("2025-09-30");
			}
			if (u.path("name").asString().equals("TOP_GAINERS")) {
				assertThat(u.path("kind").asString()).isEqualTo("dynamic");
				assertThat(u.path("members").isNull()).isTrue();
			}
		}
		assertThat(names).contains("NIFTY50", "NIFTYNEXT50", "IT", "MEDIA", "TOP_GAINERS", "TOP_LOSERS", "MOST_ACTIVE");
		Reply it = call("GET", "/api/universes/it", null);
		assertThat(it.status()).isEqualTo(200);
		assertThat(strings(it.body().path("symbols")))
			.containsExactlyElementsOf(new TreeSet<>(BuiltInUniverses.symbols("IT")));
		assertThat(call("GET", "/api/universes/NOSUCH", null).status()).isEqualTo(404);
		Reply dynamic = call("GET", "/api/universes/TOP_LOSERS_5", null);
		assertThat(dynamic.status()).isEqualTo(200);
		assertThat(dynamic.body().path("kind").asString()).isEqualTo("dynamic");
		assertThat(dynamic.body().path("symbols")).isEmpty();
	}

	@Test
	void aCustomUniverseIsCreatedChangedMergedAndDeletedWithClearRefusals() throws Exception {
		Reply created = call("POST", "/api/universes", "{\"name\":\"mylist\",\"symbols\":[\"tcs\",\"INFY\"]}");
		assertThat(created.status()).isEqualTo(201);
		assertThat(strings(created.body().path("symbols"))).containsExactly("INFY", "TCS");
		assertThat(created.body().path("source").asString()).isEqualTo("custom");
		assertThat(members("MYLIST")).containsExactly("INFY", "TCS");

		Reply unknown = call("POST", "/api/universes", "{\"name\":\"OTHER\",\"symbols\":\"TCS,NOSUCH1,NOSUCH2\"}");
		assertThat(unknown.status()).isEqualTo(400);
		assertThat(unknown.body().path("error").asString()).contains("field 'symbols'").contains("NOSUCH1, NOSUCH2");
		assertThat(call("GET", "/api/universes/OTHER", null).status()).isEqualTo(404);
		assertThat(call("POST", "/api/universes", "{\"name\":\"1BAD\",\"symbols\":[\"TCS\"]}").body()
			.path("error")
			.asString()).contains("field 'name'").contains("letters, digits and _");
		assertThat(call("POST", "/api/universes", "{\"symbols\":[\"TCS\"]}").body().path("error").asString())
			.contains("field 'name' is required");
		Reply notAList = call("POST", "/api/universes", "{\"name\":\"X\",\"symbols\":5}");
		assertThat(notAList.status()).isEqualTo(400);
		assertThat(notAList.body().path("error").asString()).contains("field 'symbols'").contains("[\"RELIANCE\"");
		assertThat(call("POST", "/api/universes", "{not json").status()).isEqualTo(400);
		assertThat(call("POST", "/api/universes", "{\"name\":\"NIFTY50\",\"symbols\":[\"TCS\"]}").status())
			.isEqualTo(409);
		assertThat(call("PUT", "/api/universes/NIFTY50", "{\"symbols\":[\"TCS\"]}").status()).isEqualTo(409);
		assertThat(call("POST", "/api/universes", "{\"name\":\"MYLIST\",\"symbols\":[\"TCS\"]}").status())
			.isEqualTo(409);
		assertThat(members("NIFTY50")).hasSize(50);

		Reply changed = call("PATCH", "/api/universes/MYLIST", "{\"add\":[\"RELIANCE\"],\"remove\":\"INFY\"}");
		assertThat(changed.status()).isEqualTo(200);
		assertThat(members("MYLIST")).containsExactly("RELIANCE", "TCS");
		Reply stranger = call("PATCH", "/api/universes/MYLIST", "{\"add\":[\"WIPRO\"],\"remove\":[\"HDFCBANK\"]}");
		assertThat(stranger.status()).isEqualTo(400);
		assertThat(stranger.body().path("error").asString()).contains("field 'remove'").contains("HDFCBANK");
		assertThat(members("MYLIST")).containsExactly("RELIANCE", "TCS");
		assertThat(call("PATCH", "/api/universes/NOPE", "{\"add\":[\"TCS\"]}").status()).isEqualTo(404);

		Reply merged = call("POST", "/api/universes/merge", "{\"name\":\"TECH_PLUS\",\"from\":[\"IT\",\"MYLIST\"]}");
		assertThat(merged.status()).isEqualTo(201);
		TreeSet<String> union = new TreeSet<>(BuiltInUniverses.symbols("IT"));
		union.add("RELIANCE");
		assertThat(members("TECH_PLUS")).isEqualTo(union);
		assertThat(call("POST", "/api/universes/merge", "{\"name\":\"X\",\"from\":[\"IT\",\"NOPE\"]}").body()
			.path("error")
			.asString()).contains("field 'from'").contains("NOPE");

		assertThat(call("DELETE", "/api/universes/NIFTY50", null).status()).isEqualTo(409);
		assertThat(call("DELETE", "/api/universes/TOP_GAINERS", null).status()).isEqualTo(409);
		assertThat(call("DELETE", "/api/universes/NOPE", null).status()).isEqualTo(404);
		assertThat(call("DELETE", "/api/universes/MYLIST", null).status()).isEqualTo(204);
		assertThat(call("GET", "/api/universes/MYLIST", null).status()).isEqualTo(404);
		assertThat(members("MYLIST")).isEmpty();
	}

	@Test
	void aJobLaunchedOverHttpTakesACustomUniverse() throws Exception {
		call("POST", "/api/universes", "{\"name\":\"PAIR\",\"symbols\":[\"TCS\",\"INFY\"]}");
		Reply launched = call("POST", "/api/jobs/historyBackfill/executions",
				"{\"from\":\"2026-10-29\",\"to\":\"2026-10-29\",\"universe\":\"pair\"}");
		assertThat(launched.status()).isEqualTo(202);
		long id = launched.body().path("id").asLong();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> !control.execution(id).isRunning() && control.execution(id).getEndTime() != null);
		assertThat(control.execution(id).getStatus().name()).isEqualTo("COMPLETED");
		assertThat(new TreeSet<>(jdbc.queryForList(
				"SELECT DISTINCT i.symbol FROM candle c JOIN instrument i ON i.id = c.instrument_id", String.class)))
			.containsExactly("INFY", "TCS");
	}

	private int command(String... args) {
		out.reset();
		err.reset();
		PrintStream output = new PrintStream(out, true, StandardCharsets.UTF_8);
		PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
		Commands commands = new Commands(jobs, control, report,
				new QueryCommands(report, () -> data, control::repository,
						() -> new CalendarCommand(calendars, mismatches, output), output, errors),
				new TokenCommand(renewal, output, errors), new UniverseCommand(store, output, errors), output, errors);
		return commands.execute(CommandLine.parse(args));
	}

	@Test
	void theUniverseCommand() {
		assertThat(command("universe", "create", "cli_list", "TCS,INFY", "M&M")).isZero();
		assertThat(members("CLI_LIST")).containsExactly("INFY", "M&M", "TCS");
		assertThat(command("universe", "add", "CLI_LIST", "RELIANCE", "NOSUCH")).isEqualTo(Commands.BAD_REQUEST);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("NOSUCH").contains("nothing was changed");
		assertThat(members("CLI_LIST")).containsExactly("INFY", "M&M", "TCS");
		assertThat(command("universe", "remove", "CLI_LIST", "INFY")).isZero();
		assertThat(command("universe", "merge", "CLI_BANKS", "CLI_LIST", "BANKNIFTY")).isZero();
		TreeSet<String> union = new TreeSet<>(BuiltInUniverses.symbols("BANKNIFTY"));
		union.addAll(List.of("M&M", "TCS"));
		assertThat(members("CLI_BANKS")).isEqualTo(union);
		assertThat(command("universe", "list")).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).containsPattern("CLI_LIST +custom +custom +2 ")
			.containsPattern("TOP_GAINERS +dynamic +ltp_snapshot +- ")
			.containsPattern("NIFTY50 +built-in +sim +50 ");
		assertThat(command("universe", "show", "cli_list")).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("CLI_LIST (custom").contains("M&M TCS");
		assertThat(command("universe", "delete", "NIFTY50")).isEqualTo(Commands.BAD_REQUEST);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("NIFTY50 is a built-in universe");
		assertThat(command("universe", "create", "FNO", "TCS")).isEqualTo(Commands.BAD_REQUEST);
		assertThat(command("universe", "frob")).isEqualTo(Commands.BAD_REQUEST);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: universe list");
		assertThat(command("universe", "delete", "cli_list")).isZero();
		assertThat(members("CLI_LIST")).isEmpty();
	}

}
