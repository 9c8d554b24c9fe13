package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.http.RateLimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

public class RateLimitTest {

	/** Most acquisitions inside any sliding window of the given length. */
	static int busiestWindow(List<Long> nanos, Duration window) {
		List<Long> sorted = new ArrayList<>(nanos);
		Collections.sort(sorted);
		int most = 0;
		int start = 0;
		for (int end = 0; end < sorted.size(); end++) {
			while (sorted.get(end) - sorted.get(start) >= window.toNanos()) {
				start++;
			}
			most = Math.max(most, end - start + 1);
		}
		return most;
	}

	/** Most requests that arrived inside any sliding window of the given length. */
	public static int busiestWindowOf(List<java.time.Instant> arrivals, Duration window) {
		return busiestWindow(arrivals.stream().map(t -> t.getEpochSecond() * 1_000_000_000L + t.getNano()).toList(),
				window);
	}

	@Test
	void noSlidingWindowEverSeesMoreThanTheLimitEvenWithConcurrentCallers() throws Exception {
		RateLimit limit = RateLimit.of("test", RateLimit.per(5, Duration.ofMillis(200)),
				RateLimit.per(12, Duration.ofMillis(600)));
		List<Long> times = Collections.synchronizedList(new ArrayList<>());
		ExecutorService pool = Executors.newFixedThreadPool(4);
		for (int i = 0; i < 30; i++) {
			pool.submit(() -> {
				limit.acquire();
				times.add(System.nanoTime());
			});
		}
		pool.shutdown();
		assertThat(pool.awaitTermination(20, TimeUnit.SECONDS)).isTrue();
		assertThat(times).hasSize(30);
		assertThat(busiestWindow(times, Duration.ofMillis(200))).isLessThanOrEqualTo(5);
		assertThat(busiestWindow(times, Duration.ofMillis(600))).isLessThanOrEqualTo(12);
		assertThat(limit.waited()).isPositive();
	}

}
