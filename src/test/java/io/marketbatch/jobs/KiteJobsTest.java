package io.marketbatch.jobs;

import io.marketbatch.support.FakeBrokerServer;
import io.marketbatch.support.FakeKite;
import io.marketbatch.support.TestDatabases;

import java.time.Instant;

import org.junit.jupiter.api.AfterAll;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class KiteJobsTest extends BrokerJobsContract {

	static final FakeKite FAKE = new FakeKite(Instant.parse("2026-11-20T12:00:00Z"));

	@DynamicPropertySource
	static void broker(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newPostgresDatabase("kite");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
		registry.add("marketbatch.broker", () -> "kite");
		registry.add("marketbatch.kite.base-url", FAKE::url);
		registry.add("marketbatch.kite.api-key", () -> "test-key");
		registry.add("marketbatch.kite.access-token", () -> "test-token");
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
		return 3;
	}

}
