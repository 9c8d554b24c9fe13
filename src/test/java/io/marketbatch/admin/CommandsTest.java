package io.marketbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.MarketBatchApplication;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.TokenRenewal;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;
import io.marketbatch.support.TestDatabases;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import io.marketbatch.store.CalendarMismatches;
import io.marketbatch.store.CalendarRepository;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The command line as a user meets it: exit codes, messages, and nothing launched on a
 * bad request.
 */
@SpringBootTest(properties = { "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"marketbatch.retry.backoff=PT0.01S", "spring.main.banner-mode=off",
		"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@Import(SettableClock.Config.class)
class CommandsTest {

	private static final String DATABASE = TestDatabases.newH2Database("commands");

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		registry.add("spring.datasource.url", () -> DATABASE);
	}

	@Autowired
	JobLaunches jobs;

	@Autowired
	ExecutionControl control;

	@Autowired
	TokenRenewal renewal;

	@Autowired
	ExecutionReport report;

	@Autowired
	DataQueries data;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	CalendarRepository calendars;

	@Autowired
	CalendarMismatches mismatches;

	@Autowired
	MarketDataSource broker;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@Autowired
	SettableClock clock;

	@BeforeEach
	void resetFaults() {
		clock.reset();
		TestData.simFaults(broker).reset(null, 0, null, null);
	}

	private final PrintStream output = new PrintStream(out, true, StandardCharsets.UTF_8);

	private final PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);

	private int execute(String... args) {
		out.reset();
		err.reset();
		Commands commands = new Commands(jobs, control, report,
				new QueryCommands(report, () -> data, control::repository,
						() -> new CalendarCommand(calendars, mismatches, output), output, errors),
				new TokenCommand(renewal, output, errors), output, errors);
		return commands.execute(CommandLine.parse(args));
	}

	/** A query command the way the command line runs it: in {@link QueryContext}. */
	private int query(QueryContext lean, String... args) {
		out.reset();
		err.reset();
		return lean.commands(output, errors).execute(CommandLine.parse(args));
	}

	private static Optional<QueryContext> leanContext(String database) {
		return QueryContext
			.open(List.of("--spring.datasource.url=" + database, "--marketbatch.now=2026-11-20T12:00:00Z"), Map.of());
	}

	private String printed() {
		return out.toString(StandardCharsets.UTF_8);
	}

	private long instances() {
		return jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', value = {
			"run nosuchjob|unknown job 'nosuchjob': the jobs are instrumentSync, ltpSnapshot",
			"run historyBackfill from=2026-10-30 to=2026-09-01 universe=NIFTY50|parameter 'from' (2026-10-30) must not be after 'to' (2026-09-01)",
			"run historyBackfill from=yesterday universe=NIFTY50|parameter 'from': expected a date as yyyy-MM-dd",
			"run ltpSnapshot minute=25:99 universe=NIFTY50|parameter 'minute': expected a minute as yyyy-MM-ddTHH:mm in IST",
			"run ltpSnapshot universe=NOSUCHLIST|parameter 'universe': no universe named 'NOSUCHLIST'; known: ",
			"run eodAggregation exchange=XYZ|parameter 'exchange': unknown exchange 'XYZ'; the exchanges are BCD, BFO, BSE, CDS, MCX, NFO, NSE",
			"run eodAggregation universe=MCX_TOP exchange=NSE|parameter 'universe': MCX_TOP is a universe of MCX, not of exchange NSE",
			"run ltpSnapshot minute=2026-10-29T10:15 universe=NIFTY50|minute 2026-10-29T10:15 ended 22 d 7 h ago; a price snapshot can only be taken live, during its minute or up to 60 s after it",
			"run historyBackfill to=2027-01-04|parameter 'to' (2027-01-04) is in the future",
			"run dailyBackfill businessDate=2026-10-29 symbols=RELIANCE,NOSUCH|parameter 'symbols': unknown symbol(s) NOSUCH",
			"run dailyBackfill businessDate=2026-10-29 universe=NIFTY50 symbols=TCS|give either 'universe' or 'symbols', not both",
			"run eodAggregation day=2026-10-29|unknown parameter 'day' for eodAggregation: it takes businessDate=",
			"run gapFill runAt=2026-11-20T10:17|parameter 'runAt' (2026-11-20T10:17) must be a 5-minute slot",
			"run ltpSnapshot 2026-10-29T10:15|expected a parameter as name=value, got '2026-10-29T10:15'",
			"restart abc|restart needs one execution id", "restart 99999|no job execution with id 99999",
			"frobnicate|unknown command 'frobnicate'" })
	void aBadRequestExitsTwoWithAMessageAndLaunchesNothing(String command, String message) {
		long before = instances();
		assertThat(execute(command.split(" "))).as(() -> err.toString(StandardCharsets.UTF_8))
			.isEqualTo(Commands.BAD_REQUEST);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains(message);
		assertThat(instances()).isEqualTo(before);
	}

	@Test
	void runPrintsASummaryAndExitsZero() {
		clock.setInside("2026-10-29T10:15", 5);
		assertThat(execute("run", "ltpSnapshot", "minute=2026-10-29T10:15", "universe=NIFTY50")).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("ltpSnapshot execution")
			.contains("COMPLETED")
			.contains("rows written 50");
		assertThat(execute("run", "ltpSnapshot", "minute=2026-10-29T10:15", "universe=NIFTY50")).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("already COMPLETED").contains("--rerun");
	}

	@Test
	void aClosedMarketExitsZeroAndSaysSo() {
		clock.setInside("2026-10-02T10:15", 5);
		assertThat(execute("run", "ltpSnapshot", "minute=2026-10-02T10:15", "universe=NIFTY50")).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("market closed: Gandhi Jayanti");
	}

	@Test
	void aFailedRunExitsOneAndRestartResumesIt() {
		TestData.simFaults(broker).reset(null, 0, 1L, null);
		assertThat(execute("run", "historyBackfill", "from=2026-10-01", "to=2026-10-09", "symbols=TCS,RELIANCE,INFY"))
			.isEqualTo(Commands.FAILED);
		String summary = out.toString(StandardCharsets.UTF_8);
		assertThat(summary).contains("FAILED").contains("broker unavailable").contains("restart ");
		String id = summary.replaceAll("(?s).*restart (\\d+).*", "$1");
		TestData.simFaults(broker).reset(null, 0, null, null);
		assertThat(execute("restart", id)).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("COMPLETED");
		assertThat(execute("status", "historyBackfill")).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("historyBackfill")
			.contains("FAILED")
			.contains("COMPLETED");
		assertThat(execute("restart", id)).as(() -> err.toString(StandardCharsets.UTF_8))
			.isEqualTo(Commands.BAD_REQUEST);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("which is COMPLETED; nothing to resume");
	}

	@Test
	void executionTimesReadInIst() {
		Instant before = Instant.now();
		assertThat(execute("run", "historyBackfill", "from=2026-10-26", "to=2026-10-26", "symbols=INFY")).isZero();
		Matcher times = Pattern.compile("started (\\S+), ended (\\S+)").matcher(printed());
		assertThat(times.find()).as(printed()).isTrue();
		for (String time : List.of(times.group(1), times.group(2))) {
			assertThat(time).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\+05:30");
			assertThat(OffsetDateTime.parse(time).toInstant()).as("to the second, of this run")
				.isBetween(before.minusSeconds(1), Instant.now());
		}
		String id = printed().replaceAll("(?s)historyBackfill execution (\\d+) .*", "$1");
		assertThat(execute("show", id)).isZero();
		assertThat(printed()).contains("started " + times.group(1) + ", ended " + times.group(2));
		assertThat(execute("executions", "historyBackfill", "--limit", "1")).isZero();
		String started = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
			.format(OffsetDateTime.parse(times.group(1)));
		assertThat(printed()).contains("STARTED (IST)").contains(id + " ").contains(started);
	}

	@Test
	void aPresetAddsParametersAndExplicitOnesWin(@TempDir Path dir) throws Exception {
		Path preset = dir.resolve("preset.properties");
		Files.writeString(preset, "minute=2026-10-02T10:15\nuniverse=NIFTY50\n");
		clock.setInside("2026-10-28T11:00", 5);
		assertThat(execute("run", "ltpSnapshot", "--params", preset.toString(), "minute=2026-10-28T11:00")).isZero();
		assertThat(out.toString(StandardCharsets.UTF_8)).contains("minute=2026-10-28T11:00")
			.contains("universe=NIFTY50");
		assertThat(execute("run", "ltpSnapshot", "--params", dir.resolve("missing.properties").toString()))
			.isEqualTo(Commands.BAD_REQUEST);
	}

	@Test
	void queryCommandsAnswerTheSameWithoutAnApplicationContext() {
		clock.setInside("2026-10-28T10:15", 5);
		assertThat(execute("run", "ltpSnapshot", "minute=2026-10-28T10:15", "symbols=TCS,RELIANCE")).isZero();
		String id = printed().replaceAll("(?s)ltpSnapshot execution (\\d+) .*", "$1");
		clock.reset();
		assertThat(execute("run", "historyBackfill", "from=2026-10-27", "to=2026-10-28", "symbols=TCS")).isZero();
		Map<String, String> full = new LinkedHashMap<>();
		for (String command : List.of("status", "status ltpSnapshot", "executions ltpSnapshot --limit 1", "show " + id,
				"completeness --date 2026-10-28 --symbols TCS,RELIANCE", "completeness --date 2026-10-02")) {
			assertThat(execute(command.split(" "))).as(command).isZero();
			full.put(command, printed());
		}
		try (QueryContext lean = leanContext(DATABASE).orElseThrow()) {
			full.forEach((command, answer) -> {
				assertThat(query(lean, command.split(" "))).as(command).isZero();
				assertThat(printed()).as(command).isEqualTo(answer);
			});
			assertThat(printed()).contains("market closed (Gandhi Jayanti)");
			assertThat(query(lean, "status", "nosuchjob")).isEqualTo(Commands.BAD_REQUEST);
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown job 'nosuchjob': the jobs are");
			assertThat(query(lean, "show", "99999")).isEqualTo(Commands.BAD_REQUEST);
			assertThat(err.toString(StandardCharsets.UTF_8)).contains("no job execution with id 99999");
			assertThat(query(lean, "executions", "ltpSnapshot", "--limit", "0")).isEqualTo(Commands.BAD_REQUEST);
			assertThat(query(lean, "completeness", "--date", "2026-10-28", "--universe", "NOSUCH"))
				.isEqualTo(Commands.BAD_REQUEST);
		}
	}

	@Test
	void aNewDatabaseIsMigratedByTheFullContextAndHasNoExecutionsYet() {
		String fresh = TestDatabases.newH2Database("fresh");
		assertThat(leanContext(fresh)).as("a new database is left to the full context, which migrates it").isEmpty();
		assertThat(MarketBatchApplication.runCommand(CommandLine.parse(
				new String[] { "status", "--spring.datasource.url=" + fresh, "--logging.file.name=target/fresh.log" })))
			.isZero();
		try (QueryContext lean = leanContext(fresh).orElseThrow()) {
			assertThat(query(lean, "status")).isZero();
			assertThat(printed()).isEqualTo("no job executions yet" + System.lineSeparator());
		}
	}

	@Test
	void commandLineSeparatesOurWordsFromSpringProperties() {
		CommandLine line = CommandLine
			.parse(new String[] { "run", "historyBackfill", "--marketbatch.sim.latency=PT0.05S", "from=2026-09-01",
					"--params", "job-params/x.properties", "--rerun" });
		assertThat(line.command()).isEqualTo("run");
		assertThat(line.words()).containsExactly("historyBackfill", "from=2026-09-01");
		assertThat(line.springArgs()).containsExactly("--marketbatch.sim.latency=PT0.05S");
		assertThat(line.paramsFile()).isEqualTo("job-params/x.properties");
		assertThat(line.rerun()).isTrue();
		assertThat(CommandLine.parse(new String[] { "--server.port=9090" }).isService()).isTrue();
	}

}
