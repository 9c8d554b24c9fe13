package io.marketbatch.jobs;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** liveCapture on an embedded PostgreSQL. */
class PostgresLiveCaptureTest extends LiveCaptureContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newPostgresDatabase("live");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

}
