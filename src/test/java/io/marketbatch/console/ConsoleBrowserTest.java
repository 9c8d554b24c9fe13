package io.marketbatch.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;
import io.marketbatch.support.TestDatabases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
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
 * The console end to end in a real headless Chromium, against the service on a random
 * port (H2, simulated broker, the clock at 2026-11-20 17:30 IST): without sign-in nothing
 * is shown and the API answers 401; a wrong token is refused; signed in, the jobs are
 * listed, a two-symbol backfill launched from the form reaches COMPLETED on the page
 * without a reload, the heatmap shows a hole and its missing range, and a chart is drawn;
 * and the browser reports no Content-Security-Policy violation.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "marketbatch.service=true", "marketbatch.admin.token=console-test-token",
				"marketbatch.catch-up.enabled=false", "marketbatch.schedule.enabled=true",
				"marketbatch.schedule.ltpSnapshot.cron=0 0 0 1 1 ? 2099",
				"marketbatch.schedule.gapFill.cron=0 0 0 1 1 ? 2099", "marketbatch.now=2026-11-20T12:00:00Z",
				"marketbatch.progress=false", "marketbatch.retry.backoff=PT0.01S", "marketbatch.relaunch.delays=",
				"spring.main.banner-mode=off" })
@Import(SettableClock.Config.class)
class ConsoleBrowserTest {

	static final String TOKEN = "console-test-token";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("console");
		registry.add("spring.datasource.url", () -> url);
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
	JobLaunches jobs;

	private final HttpClient http = HttpClient.newHttpClient();

	private final JsonMapper json = JsonMapper.builder().build();

	private ChromeDriver chrome;

	private WebDriverWait wait;

	@BeforeAll
	void startBrowser() {
		TestData.clean(jdbc, jobRepository, broker);
		chrome = Chromium.start();
		wait = new WebDriverWait(chrome, Duration.ofSeconds(10));
		wait.ignoring(StaleElementReferenceException.class);
	}

	/**
	 * With CONSOLE_SCREENSHOTS=dir, each test leaves a picture of the page it ended on.
	 */
	@AfterEach
	void screenshot(TestInfo test) throws Exception {
		String dir = System.getenv("CONSOLE_SCREENSHOTS");
		if (dir != null && chrome != null) {
			Path file = Path.of(dir, test.getTestMethod().map(m -> m.getName()).orElse("page") + ".png");
			Files.createDirectories(file.getParent());
			Files.write(file, chrome.getScreenshotAs(OutputType.BYTES));
		}
	}

	@AfterAll
	void stopBrowser() {
		if (chrome != null) {
			chrome.quit();
		}
	}

	String url(String path) {
		return "http://127.0.0.1:" + port + path;
	}

	HttpResponse<String> get(String path, String token) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(20));
		if (token != null) {
			request.header("Authorization", "Bearer " + token);
		}
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	/** What the page itself gets from a fetch of {@code path}: "status body". */
	String fetchFromPage(String path) {
		return (String) ((JavascriptExecutor) chrome).executeAsyncScript(
				"""
						const done = arguments[arguments.length - 1];
						fetch(arguments[0]).then(r => r.text().then(t => done(r.status + ' ' + t))).catch(e => done('error ' + e));
						""",
				path);
	}

	WebElement visible(String css) {
		try {
			return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
		}
		catch (TimeoutException e) {
			throw new AssertionError("no visible " + css + " on " + chrome.getCurrentUrl() + "; the page says: "
					+ chrome.findElement(By.tagName("body")).getText() + "; the browser logged: " + browserLog(), e);
		}
	}

	/**
	 * The execution page shows COMPLETED: pushed by the service's events, not reloaded.
	 */
	void awaitCompletedOnThePage() {
		try {
			// the page redraws the execution at every event: an element may go stale
			// between looks
			new WebDriverWait(chrome, Duration.ofSeconds(40)).ignoring(StaleElementReferenceException.class)
				.until(ExpectedConditions.attributeToBe(By.cssSelector("#execution-status"), "data-status",
						"COMPLETED"));
		}
		catch (TimeoutException e) {
			throw new AssertionError("not COMPLETED on " + chrome.getCurrentUrl() + "; the page says: "
					+ chrome.findElement(By.tagName("body")).getText() + "; the browser logged: " + browserLog(), e);
		}
	}

	List<String> browserLog() {
		return chrome.manage().logs().get(LogType.BROWSER).getAll().stream().map(LogEntry::getMessage).toList();
	}

	@Test
	@Order(1)
	void withoutSignInNothingIsShownAndTheApiAnswers401() throws Exception {
		chrome.get(url("/jobs"));
		visible("#signin-view form input[name=token]");
		assertThat(chrome.findElements(By.cssSelector("#jobs-table"))).isEmpty();
		assertThat(chrome.findElement(By.id("view")).getText()).isEmpty();
		assertThat(fetchFromPage("/api/jobs")).startsWith("401 ");
		assertThat(fetchFromPage("/api/events")).startsWith("401 ");
		assertThat(get("/api/jobs", null).statusCode()).isEqualTo(401);
		HttpResponse<String> page = get("/completeness?universe=NIFTY50", null);
		assertThat(page.statusCode()).isEqualTo(200);
		assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
				csp -> assertThat(csp).contains("default-src 'self'").contains("frame-ancestors 'none'"));
		assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
		assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
		assertThat(page.headers().firstValue("Referrer-Policy")).isPresent();
		assertThat(page.body()).as("no inline script or style").doesNotContain("<script>").doesNotContain("style=");
	}

	@Test
	@Order(2)
	void aWrongTokenIsRefused() {
		chrome.get(url("/jobs"));
		visible("input[name=token]").sendKeys("not-the-token");
		chrome.findElement(By.id("signin-submit")).click();
		WebElement refused = visible("#signin-error");
		assertThat(refused.getText()).contains("not accepted");
		assertThat(chrome.getCurrentUrl()).contains("/signin?failed");
		assertThat(chrome.manage().getCookieNamed("MB_SESSION")).isNull();
		assertThat(chrome.findElements(By.cssSelector("#jobs-table"))).isEmpty();
		assertThat(fetchFromPage("/api/jobs")).startsWith("401 ");
	}

	@Test
	@Order(3)
	void signedInTheJobsAreListed() throws Exception {
		chrome.get(url("/jobs"));
		visible("input[name=token]").sendKeys(TOKEN);
		chrome.findElement(By.id("signin-submit")).click();
		visible("#jobs-table");
		List<String> names = jobs.specs().stream().map(JobSpec::name).toList();
		assertThat(names).hasSize(8);
		List<String> shown = chrome.findElements(By.cssSelector("#jobs-table tbody tr"))
			.stream()
			.map(row -> row.getDomAttribute("data-job"))
			.toList();
		assertThat(shown).containsExactlyElementsOf(names);
		assertThat(chrome.findElement(By.cssSelector("tr[data-job=historyBackfill]")).getText())
			.contains("0 0 10 ? * SUN");
		Cookie session = chrome.manage().getCookieNamed("MB_SESSION");
		assertThat(session).isNotNull();
		assertThat(session.isHttpOnly()).isTrue();
		assertThat(session.getSameSite()).isEqualTo("Strict");
		assertThat(fetchFromPage("/api/jobs")).startsWith("200 ");
		assertThat(get("/api/jobs", TOKEN).statusCode()).as("the bearer token still works").isEqualTo(200);
		String withoutCsrf = (String) ((JavascriptExecutor) chrome).executeAsyncScript("""
				const done = arguments[arguments.length - 1];
				fetch('/api/schedules/dailyBackfill/pause', {method: 'POST'}).then(r => done(String(r.status)));
				""");
		assertThat(withoutCsrf).as("a change without the CSRF header").isEqualTo("403");
	}

	@Test
	@Order(4)
	void aTwoSymbolBackfillLaunchedFromTheFormReachesCompleted() throws Exception {
		chrome.get(url("/jobs/historyBackfill"));
		visible("#run-from").sendKeys("yesterday");
		chrome.findElement(By.id("run-submit")).click();
		String message = visible("#run-error").getText();
		assertThat(message).contains("from").isNotBlank();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE", Long.class)).isZero();

		chrome.findElement(By.id("run-from")).clear();
		chrome.findElement(By.id("run-from")).sendKeys("2026-10-28");
		chrome.findElement(By.id("run-to")).sendKeys("2026-10-29");
		chrome.findElement(By.id("run-symbols")).sendKeys("RELIANCE,TCS");
		((JavascriptExecutor) chrome).executeScript("window.stillTheSamePage = true");
		chrome.findElement(By.id("run-submit")).click();
		wait.until(ExpectedConditions.urlMatches("/executions/\\d+$"));
		long id = Long.parseLong(chrome.getCurrentUrl().replaceAll(".*/executions/", ""));
		awaitCompletedOnThePage();
		assertThat(((JavascriptExecutor) chrome).executeScript("return window.stillTheSamePage"))
			.as("updated live, not reloaded")
			.isEqualTo(true);
		assertThat(jdbc.queryForObject("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE JOB_EXECUTION_ID = ?",
				String.class, id))
			.isEqualTo("COMPLETED");
		assertThat(chrome.findElement(By.id("execution")).getText()).contains("symbols=RELIANCE,TCS");
		assertThat(chrome.findElements(By.cssSelector("#steps-table tbody tr"))).isNotEmpty();
	}

	@Test
	@Order(5)
	void theHeatmapShowsAHoleAndBackfillsExactlyIt() throws Exception {
		jdbc.update("DELETE FROM candle WHERE timeframe = '1m' AND instrument_id = (SELECT id FROM instrument "
				+ "WHERE symbol = 'TCS') AND ts >= TIMESTAMP WITH TIME ZONE '2026-10-29 10:00:00+05:30' "
				+ "AND ts < TIMESTAMP WITH TIME ZONE '2026-10-29 10:10:00+05:30'");
		chrome.get(url("/completeness?symbols=RELIANCE,TCS&from=2026-10-28&to=2026-10-29"));
		visible("#heatmap");
		assertThat(chrome.findElements(By.cssSelector("#heatmap button.cell"))).hasSize(4);
		WebElement hole = chrome.findElement(By.cssSelector("button.cell[data-symbol=TCS][data-date='2026-10-29']"));
		assertThat(Double.parseDouble(hole.getDomAttribute("data-percent"))).isLessThan(100);
		assertThat(chrome.findElement(By.cssSelector("button.cell[data-symbol=RELIANCE][data-date='2026-10-29']"))
			.getDomAttribute("data-percent")).isEqualTo("100");
		hole.click();
		assertThat(visible("#missing-ranges li").getText()).isEqualTo("10:00 – 10:09 (10 min)");
		assertThat(chrome.getCurrentUrl()).as("the open cell is in the address")
			.contains("symbol=TCS")
			.contains("date=2026-10-29");
		chrome.findElement(By.id("backfill-missing")).click();
		visible("#backfill-outcome a").click();
		awaitCompletedOnThePage();
		assertThat(chrome.findElement(By.id("execution")).getText()).contains("symbols=TCS")
			.contains("from=2026-10-29")
			.contains("to=2026-10-29");
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM candle WHERE timeframe = '1m' AND instrument_id = "
						+ "(SELECT id FROM instrument WHERE symbol = 'TCS') AND ts >= TIMESTAMP WITH TIME ZONE "
						+ "'2026-10-29 09:15:00+05:30' AND ts < TIMESTAMP WITH TIME ZONE '2026-10-29 15:30:00+05:30'",
				Long.class))
			.isEqualTo(375);
	}

	@Test
	@Order(6)
	void aCandleChartIsDrawnForAnInstrumentFoundBySearch() {
		chrome.get(url("/candles?timeframe=1m&from=2026-10-28&to=2026-10-29"));
		visible("#instrument-search").sendKeys("relia");
		visible("#instrument-results a[data-symbol=RELIANCE]").click();
		wait.until(ExpectedConditions.attributeToBeNotEmpty(chrome.findElement(By.id("chart")), "data-bars"));
		long stored = jdbc.queryForObject(
				"SELECT COUNT(*) FROM candle WHERE timeframe = '1m' AND instrument_id = "
						+ "(SELECT id FROM instrument WHERE symbol = 'RELIANCE') AND ts >= TIMESTAMP WITH TIME ZONE "
						+ "'2026-10-28 00:00:00+05:30' AND ts < TIMESTAMP WITH TIME ZONE '2026-10-30 00:00:00+05:30'",
				Long.class);
		assertThat(stored).as("two sessions of 375 minutes").isEqualTo(750);
		assertThat(chrome.findElement(By.id("chart")).getDomAttribute("data-bars")).isEqualTo(String.valueOf(stored));
		assertThat(chrome.findElements(By.cssSelector("#chart canvas"))).isNotEmpty();
		assertThat(chrome.getCurrentUrl()).endsWith("/candles/RELIANCE?timeframe=1m&from=2026-10-28&to=2026-10-29");
	}

	@Test
	@Order(7)
	void healthShowsTheScoreAndItsParts() throws Exception {
		chrome.get(url("/health"));
		WebElement score = visible("#health-score");
		JsonNode health = json.readTree(get("/actuator/health", null).body());
		JsonNode details = health.path("components").path("healthScore").path("details");
		JsonNode parts = details.path("parts");
		assertThat(parts.properties()).hasSize(5);
		assertThat(parts.path("scheduler").path("points").asInt()).isEqualTo(20);
		assertThat(parts.path("broker").path("points").asInt()).isEqualTo(20);
		assertThat(parts.path("recentRuns").path("detail").asString()).isEqualTo("0 of the last 2 runs failed");
		assertThat(parts.path("freshness").path("detail").asString()).as("Friday 17:30 IST")
			.startsWith("market closed");
		assertThat(parts.path("lastClosedDay").path("points").asInt()).as("nothing stored for that day").isZero();
		assertThat(parts.path("lastClosedDay").path("detail").asString()).startsWith("2026-11-20: 0.0%");
		assertThat(details.path("score").asInt()).isEqualTo(80);
		assertThat(score.getDomAttribute("data-score")).isEqualTo(details.path("score").asString());
		assertThat(chrome.findElements(By.cssSelector("#score-parts tbody tr"))).hasSize(5);
		assertThat(chrome.findElements(By.cssSelector("#nodes tbody tr"))).isNotEmpty();
		assertThat(chrome.findElement(By.id("broker-health")).getText()).contains("sim");
	}

	@Test
	@Order(8)
	void theConsolesCallsKeepTheApisRules() throws Exception {
		jdbc.update("UPDATE instrument SET isin = 'INE002A01018' WHERE symbol = 'RELIANCE'");
		jdbc.update("UPDATE instrument SET name = 'Tata Consultancy Services' WHERE symbol = 'TCS'");
		JsonNode byIsin = json.readTree(get("/api/instruments?q=ine002a01018", TOKEN).body());
		assertThat(byIsin.get(0).path("symbol").asString()).isEqualTo("RELIANCE");
		JsonNode byName = json.readTree(get("/api/instruments?q=tata%20consultancy", TOKEN).body());
		assertThat(byName.findValuesAsString("symbol")).contains("TCS");
		JsonNode byPrefix = json.readTree(get("/api/instruments?q=HDFC", TOKEN).body());
		assertThat(byPrefix).isNotEmpty()
			.allSatisfy(match -> assertThat(match.path("symbol").asString()).startsWith("HDFC"));
		assertThat(get("/api/instruments?q=", TOKEN).statusCode()).isEqualTo(400);
		assertThat(get("/api/instruments?q=RELI", null).statusCode()).isEqualTo(401);
		HttpResponse<String> tooLong = get("/api/data/completeness/days?from=2026-01-01&to=2026-10-29&universe=NIFTY50",
				TOKEN);
		assertThat(tooLong.statusCode()).isEqualTo(400);
		assertThat(json.readTree(tooLong.body()).path("error").asString()).contains("from").contains("to");
		JsonNode days = json
			.readTree(get("/api/data/completeness/days?from=2026-10-01&to=2026-10-03&symbols=RELIANCE", TOKEN).body());
		assertThat(days).hasSize(3);
		assertThat(days.get(1).path("closedReason").asString()).contains("Gandhi Jayanti");
		assertThat(get("/api/events", null).statusCode()).isEqualTo(401);
		HttpResponse<String> elsewhere = http.send(HttpRequest.newBuilder(URI.create(url("/signin")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN + "&next=//evil.example/"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(elsewhere.statusCode()).isEqualTo(303);
		assertThat(elsewhere.headers().firstValue("Location")).as("never a redirect off the console").hasValue("/jobs");
		HttpResponse<String> crossSite = http.send(HttpRequest.newBuilder(URI.create(url("/signin")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Origin", "http://evil.example")
			.POST(HttpRequest.BodyPublishers.ofString("token=" + TOKEN))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(crossSite.statusCode()).as("a form on another site cannot sign a browser in").isEqualTo(403);
		assertThat(crossSite.headers().firstValue("Set-Cookie")).isEmpty();
	}

	@Test
	@Order(9)
	void theBrowserReportedNoPolicyViolation() {
		List<String> violations = browserLog().stream()
			.filter(m -> m.contains("Content Security Policy") || m.contains("Uncaught"))
			.toList();
		assertThat(violations).isEmpty();
	}

}
