package io.marketbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.MarketBatchApplication;
import io.marketbatch.broker.RateLimitTest;
import io.marketbatch.broker.TokenProvider;
import io.marketbatch.broker.http.RequestBudgets;
import io.marketbatch.broker.kite.KiteClient;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.market.Instrument;
import io.marketbatch.support.FakeKite;
import io.marketbatch.support.TestCalendars;
import io.marketbatch.support.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The request budget of issue 11 against a local Kite that enforces 3 historical requests
 * per second (429 past it): one process backfilling 50 symbols over ten months (about 250
 * requests) against the 1.1 x requests/3 s target, and two processes (two Spring
 * contexts, as two {@code run historyBackfill} would be) sharing the account on one
 * PostgreSQL, 25 symbols each, against 1.15 x all/3 s. Then the same requests from the
 * clients alone (no job, no writes), to tell the limiter from the job's write path. Wall
 * time from launch to the last run's end; the requests' own span (first to last arrival
 * at the fake) beside it. Not part of {@code verify}:
 * {@code ./mvnw -Pbenchmark -Dtest=RequestBudgetBenchmarkTest verify}. Figures go to
 * target/benchmark/request-budget.txt.
 */
@Tag("benchmark")
class RequestBudgetBenchmarkTest {

	private static final LocalDate FROM = LocalDate.parse("2026-01-01");

	private static final LocalDate TO = LocalDate.parse("2026-10-30");

	@Test
	void oneProcessAndTwoProcessesAgainstKitesThreePerSecond() throws Exception {
		List<String> symbols = BuiltInUniverses.symbols(BuiltInUniverses.NIFTY50);
		List<List<String>> one = List.of(symbols);
		List<List<String>> two = List.of(symbols.subList(0, 25), symbols.subList(25, 50));
		StringBuilder report = new StringBuilder(String.format(
				"historyBackfill %s..%s against a local Kite enforcing 3 historical requests/s (%d cores)%n", FROM, TO,
				Runtime.getRuntime().availableProcessors()));
		try (FakeKite fake = new FakeKite(Instant.parse("2026-11-20T12:00:00Z"), symbols)) {
			fake.historicalPerSecond = 3;
			// the fake's answers built ahead: the figures measure market-batch, not the
			// fake
			List<LocalDate[]> windows = windows();
			symbols.parallelStream().forEach(s -> windows.forEach(w -> fake.prepareHistorical(s, w[0], w[1])));
			report.append(jobs("one process, 50 symbols", fake, one, 1.10));
			report.append(jobs("two processes at once, 25 symbols each", fake, two, 1.15));
			if (Boolean.parseBoolean(System.getProperty("bench.clientsAlone", "true"))) {
				report.append(String.format("the same requests from the clients alone (no job, no writes):%n"));
				report.append(clientsAlone("one process", fake, one, 1.10));
				report.append(clientsAlone("two processes at once", fake, two, 1.15));
			}
		}
		System.out.println(report);
		Path dir = Path.of("target", "benchmark");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("request-budget.txt"), report);
	}

	/** Each list of symbols is backfilled by a process of its own, all at once. */
	private static String jobs(String name, FakeKite fake, List<List<String>> perProcess, double target) {
		String url = TestDatabases.newPostgresDatabase("budgetbench");
		List<ConfigurableApplicationContext> processes = new ArrayList<>();
		try {
			for (int i = 0; i < perProcess.size(); i++) {
				processes.add(start(url, fake));
			}
			// the instrument master, once (the service's morning job)
			assertThat(run(processes.get(0), JobNames.INSTRUMENT_SYNC, List.of("businessDate=2026-11-20")).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
			Measure measure = new Measure(fake);
			List<CompletableFuture<JobExecution>> runs = new ArrayList<>();
			for (int i = 0; i < perProcess.size(); i++) {
				ConfigurableApplicationContext process = processes.get(i);
				List<String> params = List.of("from=" + FROM, "to=" + TO,
						"symbols=" + String.join(",", perProcess.get(i)));
				runs.add(CompletableFuture.supplyAsync(() -> run(process, JobNames.HISTORY_BACKFILL, params)));
			}
			StringBuilder steps = new StringBuilder();
			for (CompletableFuture<JobExecution> r : runs) {
				JobExecution execution = r.join();
				assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
				steps.append("    steps:");
				execution.getStepExecutions()
					.forEach(step -> steps.append(String.format(" %s %.1f s (%d written);", step.getStepName(),
							Duration.between(step.getStartTime(), step.getEndTime()).toMillis() / 1e3,
							step.getWriteCount())));
				steps.append(String.format("%n"));
			}
			return measure.figures(name, target) + steps;
		}
		finally {
			processes.forEach(ConfigurableApplicationContext::close);
		}
	}

	/**
	 * The backfill's requests (60-day windows) straight from KiteClients sharing one
	 * budget, 4 threads per process as the job's executor: the limiter without the job.
	 */
	private static String clientsAlone(String name, FakeKite fake, List<List<String>> perProcess, double target)
			throws Exception {
		String url = TestDatabases.newPostgresDatabase("budgetclients");
		Flyway.configure()
			.dataSource(url, "postgres", "")
			.locations("filesystem:sql/common", "filesystem:sql/postgresql")
			.load()
			.migrate();
		List<HikariDataSource> pools = new ArrayList<>();
		ExecutorService threads = Executors.newFixedThreadPool(4 * perProcess.size());
		try {
			Measure measure = new Measure(fake);
			List<Future<?>> done = new ArrayList<>();
			for (List<String> symbols : perProcess) {
				HikariDataSource pool = new HikariDataSource();
				pool.setJdbcUrl(url);
				pool.setUsername("postgres");
				pool.setPassword("");
				pools.add(pool);
				KiteClient client = new KiteClient(fake.url(), null,
						TokenProvider.fixed(KiteClient.NAME, "bench-token", "clients-key"), Duration.ofSeconds(30),
						Clock.systemUTC(), RequestBudgets.forDatabase(pool), "clients-key");
				for (String symbol : symbols) {
					Instrument instrument = new Instrument(0, "NSE", symbol, null, null, "EQ", FakeKite.token(symbol));
					for (LocalDate[] w : windows()) {
						done.add(threads.submit(() -> client.minuteCandles(instrument, w[0], w[1])));
					}
				}
			}
			for (Future<?> f : done) {
				try {
					f.get();
				}
				catch (ExecutionException e) {
					// a 429: the fake counts it
				}
			}
			return measure.figures("  " + name, target);
		}
		finally {
			threads.shutdown();
			pools.forEach(HikariDataSource::close);
		}
	}

	/**
	 * The windows the backfill asks for on an empty database: from each first trading day
	 * to the last trading day within Kite's 60 days (as FetchWindowReader groups them).
	 */
	private static List<LocalDate[]> windows() {
		List<LocalDate> days = TestCalendars.nse().tradingDays(FROM, TO);
		List<LocalDate[]> windows = new ArrayList<>();
		int i = 0;
		while (i < days.size()) {
			LocalDate first = days.get(i);
			LocalDate last = first;
			while (i < days.size() && !days.get(i).isAfter(first.plusDays(59))) {
				last = days.get(i++);
			}
			windows.add(new LocalDate[] { first, last });
		}
		return windows;
	}

	/** What the fake saw from now on. */
	private static final class Measure {

		private final FakeKite fake;

		private final int before;

		private final int refusedBefore;

		private final long start = System.nanoTime();

		Measure(FakeKite fake) {
			this.fake = fake;
			this.before = fake.historicalArrivals.size();
			this.refusedBefore = fake.tooManyRequests.get();
		}

		String figures(String name, double target) {
			double wall = (System.nanoTime() - start) / 1e9;
			List<Long> arrivals = new ArrayList<>(
					fake.historicalArrivals.subList(before, fake.historicalArrivals.size()));
			Collections.sort(arrivals);
			int requests = arrivals.size();
			double atLimit = requests / 3.0;
			double span = (arrivals.get(requests - 1) - arrivals.get(0)) / 1e9;
			int busiest = RateLimitTest.busiestWindowOf(
					arrivals.stream().map(n -> Instant.ofEpochSecond(0, n)).toList(), Duration.ofSeconds(1));
			int refused = fake.tooManyRequests.get() - refusedBefore;
			return String.format("""
					  %s: %d requests, %.1f s wall (%.3f x requests/3 s; target %.2f: %s); \
					requests alone %.1f s first to last (%.3f x (requests-3)/3 s); \
					busiest second %d; 429 answers %d; load average %s
					""", name, requests, wall, wall / atLimit, target, wall / atLimit <= target ? "met" : "missed",
					span, span / ((requests - 3) / 3.0), busiest, refused, loadAverage());
		}

	}

	/** The machine's load (1, 5, 15 min), shared with other builds. */
	private static String loadAverage() {
		try {
			String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
			return parts[0] + " " + parts[1] + " " + parts[2];
		}
		catch (Exception e) {
			return "unknown";
		}
	}

	private static ConfigurableApplicationContext start(String url, FakeKite fake) {
		return new SpringApplicationBuilder(MarketBatchApplication.class).run("--spring.datasource.url=" + url,
				"--spring.datasource.username=postgres", "--spring.datasource.password=",
				"--marketbatch.progress=false", "--marketbatch.broker=kite",
				"--marketbatch.kite.base-url=" + fake.url(), "--marketbatch.kite.api-key=bench-key",
				"--marketbatch.kite.access-token=bench-token", "--marketbatch.now=2026-11-20T12:00:00Z",
				"--spring.main.web-application-type=none", "--spring.main.banner-mode=off",
				"--spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration");
	}

	private static JobExecution run(ConfigurableApplicationContext process, String job, List<String> assignments) {
		JobLaunches jobs = process.getBean(JobLaunches.class);
		try {
			return jobs.launch(job, jobs.prepare(job, JobRequests.parseAssignments(assignments), true)).execution();
		}
		catch (Exception e) {
			throw new IllegalStateException(job + " did not run: " + e.getMessage(), e);
		}
	}

}
