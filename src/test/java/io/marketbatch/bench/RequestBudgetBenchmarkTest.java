package io.marketbatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.MarketBatchApplication;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.support.FakeKite;
import io.marketbatch.support.TestDatabases;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;

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
 * PostgreSQL, 25 symbols each, against 1.15 x all/3 s. Wall time from launch to the last
 * run's end; the requests' own span (first to last arrival at the fake) beside it. Not
 * part of {@code verify}: {@code ./mvnw -Pbenchmark -Dtest=RequestBudgetBenchmarkTest
 * verify}. Figures go to target/benchmark/request-budget.txt.
 */
@Tag("benchmark")
class RequestBudgetBenchmarkTest {

	private static final String FROM = "2026-01-01";

	private static final String TO = "2026-10-30";

	@Test
	void oneProcessAndTwoProcessesAgainstKitesThreePerSecond() throws Exception {
		List<String> symbols = BuiltInUniverses.symbols(BuiltInUniverses.NIFTY50);
		StringBuilder report = new StringBuilder(String.format(
				"historyBackfill %s..%s against a local Kite enforcing 3 historical requests/s (%d cores)%n", FROM, TO,
				Runtime.getRuntime().availableProcessors()));
		try (FakeKite fake = new FakeKite(Instant.parse("2026-11-20T12:00:00Z"), symbols)) {
			fake.historicalPerSecond = 3;
			report.append(scenario("one process, 50 symbols", fake, List.of(symbols), 1.10));
			report.append(scenario("two processes at once, 25 symbols each", fake,
					List.of(symbols.subList(0, 25), symbols.subList(25, 50)), 1.15));
		}
		System.out.println(report);
		Path dir = Path.of("target", "benchmark");
		Files.createDirectories(dir);
		Files.writeString(dir.resolve("request-budget.txt"), report);
	}

	/** Each list of symbols is backfilled by a process of its own, all at once. */
	private static String scenario(String name, FakeKite fake, List<List<String>> perProcess, double target)
			throws Exception {
		String url = TestDatabases.newPostgresDatabase("budgetbench");
		List<ConfigurableApplicationContext> processes = new ArrayList<>();
		try {
			for (int i = 0; i < perProcess.size(); i++) {
				processes.add(start(url, fake));
			}
			// the instrument master, once (the service's morning job)
			assertThat(run(processes.get(0), JobNames.INSTRUMENT_SYNC, List.of("businessDate=2026-11-20")).getStatus())
				.isEqualTo(BatchStatus.COMPLETED);
			int before = fake.historicalArrivals.size();
			int refusedBefore = fake.tooManyRequests.get();
			long start = System.nanoTime();
			List<CompletableFuture<JobExecution>> runs = new ArrayList<>();
			for (int i = 0; i < perProcess.size(); i++) {
				ConfigurableApplicationContext process = processes.get(i);
				List<String> params = List.of("from=" + FROM, "to=" + TO,
						"symbols=" + String.join(",", perProcess.get(i)));
				runs.add(CompletableFuture.supplyAsync(() -> run(process, JobNames.HISTORY_BACKFILL, params)));
			}
			for (CompletableFuture<JobExecution> r : runs) {
				assertThat(r.join().getStatus()).isEqualTo(BatchStatus.COMPLETED);
			}
			double wall = (System.nanoTime() - start) / 1e9;
			List<Long> arrivals = new ArrayList<>(
					fake.historicalArrivals.subList(before, fake.historicalArrivals.size()));
			Collections.sort(arrivals);
			int requests = arrivals.size();
			double atLimit = requests / 3.0;
			double span = (arrivals.get(requests - 1) - arrivals.get(0)) / 1e9;
			int busiest = io.marketbatch.broker.RateLimitTest.busiestWindowOf(
					arrivals.stream().map(n -> Instant.ofEpochSecond(0, n)).toList(), Duration.ofSeconds(1));
			int refused = fake.tooManyRequests.get() - refusedBefore;
			return String.format("""
					  %s: %d requests, %.1f s wall (%.3f x requests/3 s; target %.2f: %s); \
					requests alone %.1f s first to last (%.3f x (requests-3)/3 s); \
					busiest second %d; 429 answers %d
					""", name, requests, wall, wall / atLimit, target, wall / atLimit <= target ? "met" : "missed",
					span, span / ((requests - 3) / 3.0), busiest, refused);
		}
		finally {
			processes.forEach(ConfigurableApplicationContext::close);
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
