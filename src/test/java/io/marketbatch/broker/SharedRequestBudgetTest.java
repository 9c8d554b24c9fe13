package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.broker.http.RateLimit;
import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RequestBudgets;
import io.marketbatch.broker.kite.KiteClient;
import io.marketbatch.market.Instrument;
import io.marketbatch.support.FakeBrokerServer;
import io.marketbatch.support.FakeKite;
import io.marketbatch.support.TestDatabases;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One Kite account's budget shared by two "processes" (two clients, each with its own
 * connection pool and budgets, as two JVMs would have) on one embedded PostgreSQL,
 * against a local Kite that records arrivals and answers 429 past 3 historical requests
 * in any second.
 */
class SharedRequestBudgetTest {

	private static final LocalDate DAY = LocalDate.of(2026, 11, 19);

	private static FakeKite fake;

	private static String url;

	private static final List<HikariDataSource> pools = new ArrayList<>();

	@BeforeAll
	static void start() {
		fake = new FakeKite(Instant.parse("2026-11-20T12:00:00Z"));
		fake.historicalPerSecond = 3;
		url = TestDatabases.newPostgresDatabase("budget");
		Flyway.configure()
			.dataSource(url, "postgres", "")
			.locations("filesystem:sql/common", "filesystem:sql/postgresql")
			.load()
			.migrate();
	}

	@AfterAll
	static void stop() {
		pools.forEach(HikariDataSource::close);
		fake.close();
	}

	/** A process's own connection pool. */
	private static DataSource pool() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl(url);
		pool.setUsername("postgres");
		pool.setPassword("");
		pool.setMaximumPoolSize(5);
		pools.add(pool);
		return pool;
	}

	/** A process: its own pool, budgets and client of the account {@code apiKey}. */
	private static KiteClient process(String apiKey) {
		return new KiteClient(fake.url(), null, TokenProvider.fixed(KiteClient.NAME, "token", apiKey),
				Duration.ofSeconds(10), Clock.systemUTC(), RequestBudgets.forDatabase(pool()), apiKey);
	}

	private static Instrument instrument(int i) {
		String symbol = FakeBrokerServer.SYMBOLS.get(i % FakeBrokerServer.SYMBOLS.size());
		return new Instrument(i, "NSE", symbol, null, null, "EQ", FakeKite.token(symbol));
	}

	/** Each client sends {@code each} historical requests from 4 threads, all at once. */
	private static List<Long> run(List<KiteClient> clients, int each) throws Exception {
		int before = fake.historicalArrivals.size();
		ExecutorService pool = Executors.newFixedThreadPool(4 * clients.size());
		List<Future<?>> done = new ArrayList<>();
		for (KiteClient client : clients) {
			AtomicInteger next = new AtomicInteger();
			for (int t = 0; t < 4; t++) {
				done.add(pool.submit(() -> {
					for (int i = next.getAndIncrement(); i < each; i = next.getAndIncrement()) {
						try {
							Instrument instrument = instrument(i);
							assertThat(client.minuteCandles(instrument, DAY, DAY))
								.hasSize(fake.candles(instrument.symbol(), DAY, DAY).size());
						}
						catch (BrokerUnavailableException e) {
							// a 429: counted by the fake, asserted by the test
						}
					}
					return null;
				}));
			}
		}
		for (Future<?> f : done) {
			f.get(60, TimeUnit.SECONDS);
		}
		pool.shutdown();
		List<Long> arrivals = new ArrayList<>(fake.historicalArrivals.subList(before, fake.historicalArrivals.size()));
		Collections.sort(arrivals);
		return arrivals;
	}

	/**
	 * The share of the limit reached: the fastest 3/s allows the last of n requests (n -
	 * 3) / 3 s after the first.
	 */
	private static double shareOfLimit(List<Long> arrivals) {
		double ideal = (arrivals.size() - 3) / 3.0;
		double actual = (arrivals.get(arrivals.size() - 1) - arrivals.get(0)) / 1e9;
		return ideal / actual;
	}

	private static int busiestSecond(List<Long> arrivals) {
		return RateLimitTest.busiestWindowOf(arrivals.stream().map(n -> Instant.ofEpochSecond(0, n)).toList(),
				Duration.ofSeconds(1));
	}

	@Test
	void budgetsAreSharedOnPostgresAndKeptInProcessOnH2() {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL(TestDatabases.newH2Database("budget"));
		assertThat(RequestBudgets.forDatabase(h2).isShared()).isFalse();
		assertThat(RequestBudgets.forDatabase(pool()).isShared()).isTrue();
	}

	@Test
	void twoProcessesOnOneAccountNeverPassThreePerSecondAndTogetherReachTheLimit() throws Exception {
		int rejectedBefore = fake.tooManyRequests.get();
		List<Long> arrivals = run(List.of(process("two-processes"), process("two-processes")), 15);
		assertThat(arrivals).hasSize(30);
		assertThat(fake.tooManyRequests.get()).isEqualTo(rejectedBefore);
		assertThat(busiestSecond(arrivals)).isLessThanOrEqualTo(3);
		assertThat(shareOfLimit(arrivals)).isGreaterThanOrEqualTo(0.85);
	}

	@Test
	void aBrokerThatReadsSomeRequestsLateStillNeverSeesMoreThanThreeInASecond() throws Exception {
		int rejectedBefore = fake.tooManyRequests.get();
		// every fourth request is read 150 ms after it was sent (a busy broker): counted
		// from when they left, the request three later would reach it inside the same
		// second
		fake.readLate = n -> n % 4 == 0 ? Duration.ofMillis(150) : Duration.ZERO;
		try {
			List<Long> arrivals = run(List.of(process("read-late"), process("read-late")), 6);
			assertThat(arrivals).hasSize(12);
			assertThat(fake.tooManyRequests.get()).isEqualTo(rejectedBefore);
			assertThat(busiestSecond(arrivals)).isLessThanOrEqualTo(3);
		}
		finally {
			fake.readLate = n -> Duration.ZERO;
		}
	}

	@Test
	void oneProcessAloneReachesNinetyPercentOfTheLimit() throws Exception {
		int rejectedBefore = fake.tooManyRequests.get();
		List<Long> arrivals = run(List.of(process("one-process")), 18);
		assertThat(arrivals).hasSize(18);
		assertThat(fake.tooManyRequests.get()).isEqualTo(rejectedBefore);
		assertThat(busiestSecond(arrivals)).isLessThanOrEqualTo(3);
		assertThat(shareOfLimit(arrivals)).isGreaterThanOrEqualTo(0.90);
	}

	@Test
	void aRefusalSeenByOneProcessPausesTheOther() {
		KiteClient first = process("refused");
		KiteClient second = process("refused");
		fake.failNext.set(1);
		assertThatThrownBy(() -> first.minuteCandles(instrument(0), DAY, DAY))
			.isInstanceOf(BrokerUnavailableException.class)
			.hasMessageContaining("429");
		long start = System.nanoTime();
		second.minuteCandles(instrument(1), DAY, DAY);
		// Kite's 429 holds "until the window refreshes": a pause of its 1 s window
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThan(Duration.ofMillis(900));
	}

	@Test
	void fyersTwoBreachesInADayStopEveryProcessOfTheAccountBeforeTheThird() {
		Penalty fyers = new Penalty(Duration.ofMillis(200), 2);
		RateLimit first = RequestBudgets.forDatabase(pool())
			.limit("fyers", "capped-app", fyers, RateLimit.perSecond(10));
		RateLimit second = RequestBudgets.forDatabase(pool())
			.limit("fyers", "capped-app", fyers, RateLimit.perSecond(10));
		first.acquire();
		first.breached();
		second.acquire();
		second.breached();
		assertThatThrownBy(first::acquire).isInstanceOf(BrokerUnavailableException.class)
			.hasMessageContaining("fyers/capped-app")
			.hasMessageContaining("00:00 IST");
		// another account is not affected
		RequestBudgets.forDatabase(pool()).limit("fyers", "other-app", fyers, RateLimit.perSecond(10)).acquire();
	}

	@Test
	void concurrentCallersOfTwoProcessesNeverPassAShortWindow() throws Exception {
		List<RateLimit> limits = List.of(
				RequestBudgets.forDatabase(pool())
					.limit("short", "acct", null, RateLimit.per(4, Duration.ofMillis(200))),
				RequestBudgets.forDatabase(pool())
					.limit("short", "acct", null, RateLimit.per(4, Duration.ofMillis(200))));
		List<Long> times = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(6);
		for (int i = 0; i < 30; i++) {
			RateLimit limit = limits.get(i % 2);
			pool.submit(() -> {
				RateLimit.Ticket ticket = limit.acquireInFlight(Duration.ofSeconds(10));
				// the "request" reaches the broker now, and is answered
				times.add(System.nanoTime());
				ticket.answered();
			});
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
		assertThat(times).hasSize(30);
		assertThat(RateLimitTest.busiestWindow(times, Duration.ofMillis(200))).isLessThanOrEqualTo(4);
	}

}
