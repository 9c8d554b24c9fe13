package io.marketbatch.console;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;

/**
 * The system's headless Chromium and its chromedriver (Debian's {@code chromium} and
 * {@code chromium-driver}, which {@code .ci/run} installs), never a downloaded one. Where
 * they are absent the browser tests are skipped with a message, unless
 * {@code BROWSER_TESTS=required} (as {@code .ci/run} sets), which fails them instead.
 */
final class Chromium {

	private static final List<String> BROWSERS = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser",
			"/usr/bin/google-chrome");

	private static final List<String> DRIVERS = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

	private Chromium() {
	}

	static ChromeDriver start() {
		Optional<Path> browser = find("CHROME_BIN", BROWSERS);
		Optional<Path> driver = find("CHROMEDRIVER", DRIVERS);
		if (browser.isEmpty() || driver.isEmpty()) {
			String why = "no headless Chromium here (looked for " + BROWSERS + " and " + DRIVERS
					+ "); install it with: apt-get install -y chromium chromium-driver";
			if ("required".equals(System.getenv("BROWSER_TESTS"))) {
				throw new IllegalStateException(why);
			}
			Assumptions.abort(why);
		}
		ChromeOptions options = new ChromeOptions();
		options.setBinary(browser.get().toFile());
		options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
				"--window-size=1400,1000", "--disable-extensions", "--no-first-run");
		LoggingPreferences logs = new LoggingPreferences();
		logs.enable(LogType.BROWSER, Level.ALL);
		options.setCapability("goog:loggingPrefs", logs);
		options.setExperimentalOption("prefs", Map.of("credentials_enable_service", false));
		ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(driver.get().toFile())
			.usingAnyFreePort()
			.withTimeout(Duration.ofSeconds(30))
			.build();
		ChromeDriver chrome = new ChromeDriver(service, options);
		chrome.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
		return chrome;
	}

	private static Optional<Path> find(String variable, List<String> candidates) {
		String configured = System.getenv(variable);
		if (configured != null && !configured.isBlank()) {
			return Optional.of(Path.of(configured)).filter(Files::isExecutable);
		}
		return candidates.stream().map(Path::of).filter(Files::isExecutable).findFirst();
	}

}
