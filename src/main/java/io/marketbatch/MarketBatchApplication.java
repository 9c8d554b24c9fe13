package io.marketbatch;

import io.marketbatch.admin.CommandLine;
import io.marketbatch.admin.Commands;
import io.marketbatch.admin.QueryCommands;
import io.marketbatch.admin.QueryContext;
import io.marketbatch.config.JdbcUrls;
import io.marketbatch.jobs.launch.ExecutionControl;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import ch.qos.logback.classic.Level;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

/**
 * market-batch: with no command, the service (Quartz schedule and admin HTTP); with a
 * command ({@code run}, {@code restart}, {@code status}), one command and an exit code.
 */
@SpringBootApplication
public class MarketBatchApplication {

	static final String QUARTZ_AUTO_CONFIGURATION = "org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration";

	public static void main(String[] args) {
		CommandLine line;
		try {
			line = CommandLine.parse(args);
		}
		catch (IllegalArgumentException e) {
			System.err.println("error: " + e.getMessage());
			System.exit(Commands.BAD_REQUEST);
			return;
		}
		if (line.isService()) {
			SpringApplication app = new SpringApplication(MarketBatchApplication.class);
			app.setDefaultProperties(Map.of("marketbatch.service", "true"));
			app.run(line.springArgs().toArray(String[]::new));
			return;
		}
		System.exit(runCommand(line));
	}

	/**
	 * Runs one command in a context without web server or scheduler, and returns its exit
	 * code.
	 */
	public static int runCommand(CommandLine line) {
		if (QueryCommands.handles(line.command())) {
			OptionalInt answered = runQuery(line);
			if (answered.isPresent()) {
				return answered.getAsInt();
			}
		}
		SpringApplication app = new SpringApplication(MarketBatchApplication.class);
		// the context must outlive a SIGTERM until the job has stopped at a chunk
		// boundary
		app.setRegisterShutdownHook(false);
		app.setDefaultProperties(commandDefaults());
		ConfigurableApplicationContext context;
		try {
			context = app.run(line.springArgs().toArray(String[]::new));
		}
		catch (RuntimeException e) {
			System.err.println("error: market-batch could not start: " + rootCause(e));
			return Commands.FAILED;
		}
		CountDownLatch done = new CountDownLatch(1);
		ExecutionControl jobs = context.getBean(ExecutionControl.class);
		Thread stop = new Thread(() -> {
			if (!jobs.stopRunning().isEmpty()) {
				System.err.println("stopping at the next chunk boundary; resume later with: restart <executionId>");
			}
			try {
				done.await(25, TimeUnit.SECONDS);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
		}, "market-batch-stop");
		Runtime.getRuntime().addShutdownHook(stop);
		printBanner(line, context.getEnvironment(),
				"log: " + context.getEnvironment().getProperty("logging.file.name", "console only"));
		try {
			return context.getBean(Commands.class).execute(line);
		}
		finally {
			context.close();
			done.countDown();
		}
	}

	/**
	 * The commands that only read run in {@link QueryContext}: the database and nothing
	 * else, without an application context. Empty when the full context has to answer
	 * instead (a database to migrate, a first start that loads the simulated market).
	 */
	static OptionalInt runQuery(CommandLine line) {
		// warnings only, without setting up a logging system (a full context, if one
		// follows, sets up its own)
		((ch.qos.logback.classic.Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME))
			.setLevel(Level.WARN);
		Optional<QueryContext> opened;
		try {
			opened = QueryContext.open(line.springArgs(), commandDefaults());
		}
		catch (RuntimeException e) {
			System.err.println("error: market-batch could not start: " + rootCause(e));
			return OptionalInt.of(Commands.FAILED);
		}
		if (opened.isEmpty()) {
			return OptionalInt.empty();
		}
		try (QueryContext context = opened.get()) {
			if (line.command().equals("completeness") && !context.hasUniverses()) {
				// a new database: the full context's first start loads the simulated
				// market
				return OptionalInt.empty();
			}
			printBanner(line, context.environment(), line.command().equals("calendar")
					? "database only, warnings on the console" : "read-only, warnings on the console");
			return OptionalInt.of(context.commands(System.out, System.err).execute(line));
		}
	}

	/**
	 * One line on stderr, so that stdout stays only the command's answer (scripts read
	 * it).
	 */
	private static void printBanner(CommandLine line, Environment environment, String logging) {
		String version = Optional.ofNullable(MarketBatchApplication.class.getPackage().getImplementationVersion())
			.map(v -> " " + v)
			.orElse("");
		System.err.println("market-batch" + version + " " + line.command() + " on "
				+ JdbcUrls.withoutCredentials(environment.getProperty("spring.datasource.url", "?")) + " (" + logging
				+ ")");
	}

	static Map<String, Object> commandDefaults() {
		Map<String, Object> defaults = new HashMap<>();
		defaults.put("marketbatch.service", "false");
		defaults.put("spring.main.web-application-type", "none");
		defaults.put("spring.main.banner-mode", "off");
		defaults.put("spring.autoconfigure.exclude", QUARTZ_AUTO_CONFIGURATION);
		// our lines and warnings on the console; the framework's INFO in a file beside
		// the
		// H2 database
		defaults.put("logging.file.name", "data/market-batch.log");
		defaults.put("logging.threshold.console", "WARN");
		defaults.put("logging.level.org.flywaydb.core.internal.database.base.Database", "ERROR");
		return defaults;
	}

	private static String rootCause(Throwable e) {
		Throwable t = e;
		while (t.getCause() != null && t.getCause() != t) {
			t = t.getCause();
		}
		return t.getMessage() == null ? t.toString() : t.getMessage();
	}

}
