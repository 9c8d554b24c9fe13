package io.marketbatch.jobs;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The exchanges contract on H2. */
class H2ExchangesTest extends ExchangesContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("exchanges");
		registry.add("spring.datasource.url", () -> url);
	}

}
