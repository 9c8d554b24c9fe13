package io.marketbatch.jobs;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The universe contract on H2 (in memory). */
class H2UniversesTest extends UniversesContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("universes");
		registry.add("spring.datasource.url", () -> url);
	}

}
