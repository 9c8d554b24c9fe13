package io.marketbatch.admin.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.support.FastClock;
import io.marketbatch.support.TestDatabases;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The acceptance of live capture: a service on the simulated broker with the calendar
 * always open starts capturing at once, the {@code candle} table fills with {@code live}
 * 1-minute candles of consecutive finished minutes for the whole universe, and
 * {@code /api/stream} serves 200 clients at once without holding the capture up. The
 * clock runs 20 times faster than the wall clock (a minute in 3 s); the other triggers
 * are moved out of the way.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "marketbatch.service=true", "marketbatch.admin.token=" + LiveServiceTest.TOKEN,
				"marketbatch.catch-up.enabled=false", "marketbatch.schedule.enabled=true",
				"marketbatch.calendar.always-open=true", "marketbatch.progress=false", "marketbatch.universe=NIFTY50",
				"spring.main.banner-mode=off", "marketbatch.schedule.instrumentSync.cron=0 0 0 1 1 ? 2099",
				"marketbatch.schedule.ltpSnapshot.cron=0 0 0 1 1 ? 2099",
				"marketbatch.schedule.gapFill.cron=0 0 0 1 1 ? 2099",
				"marketbatch.schedule.dailyBackfill.cron=0 0 0 1 1 ? 2099",
				"marketbatch.schedule.historyBackfill.cron=0 0 0 1 1 ? 2099" })
@Import(FastClock.Config.class)
class LiveServiceTest {

	static final String TOKEN = "live-service-token";

	static final int CLIENTS = 200;

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("liveservice");
		registry.add("spring.datasource.url", () -> url);
	}

	@LocalServerPort
	int port;

	@Autowired
	JdbcTemplate jdbc;

	/** Finished minutes with a live candle for every instrument of the universe. */
	List<Instant> completeMinutes() {
		int universe = jdbc.queryForObject("SELECT COUNT(*) FROM universe_member WHERE universe = 'NIFTY50'",
				Integer.class);
		Map<Instant, Integer> perMinute = new TreeMap<>();
		jdbc.query("SELECT ts, COUNT(*) FROM candle WHERE timeframe = '1m' AND source = 'live' GROUP BY ts", rs -> {
			perMinute.put(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getInt(2));
		});
		return perMinute.entrySet().stream().filter(e -> e.getValue() == universe).map(Map.Entry::getKey).toList();
	}

	static boolean consecutive(List<Instant> minutes, int count) {
		TreeSet<Instant> set = new TreeSet<>(minutes);
		return set.stream().anyMatch(m -> {
			for (int i = 1; i < count; i++) {
				if (!set.contains(m.plusSeconds(60L * i))) {
					return false;
				}
			}
			return true;
		});
	}

	@Test
	void capturesLiveAtStartAndStreamsToTwoHundredClients() throws Exception {
		// the service launched liveCapture itself: consecutive finished minutes arrive
		await().atMost(Duration.ofSeconds(30)).until(() -> consecutive(completeMinutes(), 2));
		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM candle WHERE source = 'live' AND NOT "
						+ "(low <= open AND low <= close AND open <= high AND close <= high AND volume >= 0)",
				Long.class))
			.isZero();
		HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
		// the same token rules as the rest of /api
		HttpResponse<Void> anonymous = http.send(HttpRequest.newBuilder(uri("/api/stream")).build(),
				HttpResponse.BodyHandlers.discarding());
		assertThat(anonymous.statusCode()).isEqualTo(401);
		int before = completeMinutes().size();
		CountDownLatch dataEvents = new CountDownLatch(CLIENTS);
		List<CompletableFuture<HttpResponse<Void>>> streams = new ArrayList<>();
		List<LineReader> readers = new ArrayList<>();
		long started = System.nanoTime();
		for (int i = 0; i < CLIENTS; i++) {
			LineReader reader = new LineReader(dataEvents);
			readers.add(reader);
			String symbols = (i % 2 == 0) ? "" : "?symbols=RELIANCE,TCS";
			streams.add(http.sendAsync(HttpRequest.newBuilder(uri("/api/stream" + symbols))
				.header("Authorization", "Bearer " + TOKEN)
				.build(), HttpResponse.BodyHandlers.fromLineSubscriber(reader)));
		}
		// every client gets a tick or a bar within 10 s of connecting
		boolean all = dataEvents.await(10, TimeUnit.SECONDS);
		assertThat(all).as("clients that got a tick or a bar").isTrue();
		long tookMillis = (System.nanoTime() - started) / 1_000_000;
		assertThat(readers).allSatisfy(r -> assertThat(r.hello).isTrue());
		// capture keeps its pace with 200 readers: at 20x, 10 s of wall clock are 3
		// minutes
		await().atMost(Duration.ofSeconds(10)).until(() -> completeMinutes().size() >= before + 2);
		assertThat(consecutive(completeMinutes(), 3)).isTrue();
		System.out.printf("%d SSE clients all had a tick or a bar %d ms after the first connected%n", CLIENTS,
				tookMillis);
		readers.forEach(LineReader::cancel);
		streams.forEach(s -> s.cancel(true));
	}

	URI uri(String path) {
		return URI.create("http://127.0.0.1:" + port + path);
	}

	/** Reads a stream's lines and counts down once it sees a tick or a bar. */
	static final class LineReader implements Flow.Subscriber<String> {

		private final CountDownLatch data;

		private volatile Flow.Subscription subscription;

		volatile boolean hello;

		private boolean counted;

		LineReader(CountDownLatch data) {
			this.data = data;
		}

		@Override
		public void onSubscribe(Flow.Subscription subscription) {
			this.subscription = subscription;
			subscription.request(Long.MAX_VALUE);
		}

		@Override
		public void onNext(String line) {
			if (line.startsWith("event:hello")) {
				hello = true;
			}
			if (!counted && (line.startsWith("event:tick") || line.startsWith("event:bar"))) {
				counted = true;
				data.countDown();
			}
		}

		@Override
		public void onError(Throwable throwable) {
		}

		@Override
		public void onComplete() {
		}

		void cancel() {
			if (subscription != null) {
				subscription.cancel();
			}
		}

	}

}
