package io.marketbatch.jobs;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The universe contract on a real PostgreSQL (embedded binaries, monthly partitions). */
class PostgresUniversesTest extends UniversesContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newPostgresDatabase("universes");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

}
