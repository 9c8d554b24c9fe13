package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.broker.http.FeedSettings;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

/**
 * The feeds' reconnect delays: 2 s·2^n capped at 30 s, each jittered within its upper
 * half, so clients dropped together do not return together.
 */
class FeedSettingsTest {

	private final FeedSettings settings = FeedSettings.DEFAULTS;

	@Test
	void delaysDoubleFromTwoSecondsToThirtyWithJitterInTheUpperHalf() {
		IntStream.range(0, 200).forEach(i -> {
			assertThat(settings.delay(1)).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(2));
			assertThat(settings.delay(2)).isBetween(Duration.ofSeconds(2), Duration.ofSeconds(4));
			assertThat(settings.delay(4)).isBetween(Duration.ofSeconds(8), Duration.ofSeconds(16));
			// 2 s·2^4 = 32 s: capped
			assertThat(settings.delay(5)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
			assertThat(settings.delay(60)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
		});
		Set<Duration> seen = new HashSet<>();
		IntStream.range(0, 50).forEach(i -> seen.add(settings.delay(3)));
		assertThat(seen).as("jittered").hasSizeGreaterThan(10);
	}

	@Test
	void nonsenseSettingsAreRefusedByName() {
		assertThatThrownBy(() -> new FeedSettings(Duration.ZERO, Duration.ofSeconds(30), 10, Duration.ofSeconds(10)))
			.hasMessageContaining("feed.first-delay");
		assertThatThrownBy(
				() -> new FeedSettings(Duration.ofSeconds(5), Duration.ofSeconds(1), 10, Duration.ofSeconds(10)))
			.hasMessageContaining("feed.max-delay");
		assertThatThrownBy(
				() -> new FeedSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), -1, Duration.ofSeconds(10)))
			.hasMessageContaining("feed.reconnect-attempts");
		assertThatThrownBy(() -> new FeedSettings(Duration.ofSeconds(2), Duration.ofSeconds(30), 10, Duration.ZERO))
			.hasMessageContaining("feed.silence");
	}

}
