package io.marketbatch.jobs;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The exchanges contract on a real PostgreSQL (embedded binaries). */
class PostgresExchangesTest extends ExchangesContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newPostgresDatabase("exchanges");
		registry.add("spring.datasource.url", () -> url);
		registry.add("spring.datasource.username", () -> "postgres");
		registry.add("spring.datasource.password", () -> "");
	}

}
