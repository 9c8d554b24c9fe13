package io.marketbatch.jobs;

import io.marketbatch.support.FakeBrokerServer;
import io.marketbatch.support.FakeUpstox;
import io.marketbatch.support.TestDatabases;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class UpstoxJobsTest extends BrokerJobsContract {

	static final FakeUpstox FAKE = new FakeUpstox(Instant.parse("2026-11-20T12:00:00Z"));

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("upstox");
		registry.add("spring.datasource.url", () -> url);
		registry.add("marketbatch.broker", () -> "upstox");
		registry.add("marketbatch.upstox.base-url", FAKE::url);
		registry.add("marketbatch.upstox.instruments-url", () -> FAKE.url() + "/NSE.json.gz");
		registry.add("marketbatch.upstox.access-token", () -> "test-token");
	}

	@AfterAll
	static void stop() {
		FAKE.close();
	}

	@Override
	FakeBrokerServer fake() {
		return FAKE;
	}

	@Override
	int historyRequestsPerSecond() {
		return 50;
	}

	/** instrumentSync (run before each test) loads the sessions Upstox publishes. */
	@Test
	void instrumentSyncAddsTheSessionsUpstoxPublishesAndKeepsTheSeededDays() {
		String muhurat = jdbc.queryForObject(
				"SELECT kind, opens, closes FROM trading_day WHERE exchange = 'NSE' AND trade_date = ?",
				(rs, n) -> rs.getString(1) + " " + rs.getObject(2, LocalTime.class) + "-"
						+ rs.getObject(3, LocalTime.class),
				LocalDate.of(2026, 11, 8));
		assertThat(muhurat).isEqualTo("SPECIAL 18:00-19:00");
		assertThat(jdbc.queryForObject("SELECT description FROM trading_day WHERE exchange = 'NSE' AND trade_date = ?",
				String.class, LocalDate.of(2026, 11, 10)))
			.as("the seeded row stands")
			.isEqualTo("Diwali Balipratipada");
		assertThat(count("SELECT COUNT(*) FROM trading_day WHERE exchange = 'NSE' AND trade_date IN (?, ?)",
				LocalDate.of(2026, 11, 18), LocalDate.of(2026, 8, 15)))
			.as("a settlement holiday and a weekend holiday close nothing")
			.isZero();
	}

}
