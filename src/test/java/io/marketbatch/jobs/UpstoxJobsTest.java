package io.marketbatch.jobs;

import io.marketbatch.support.FakeBrokerServer;
import io.marketbatch.support.FakeUpstox;
import io.marketbatch.support.TestDatabases;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
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

}
