package io.marketbatch.jobs.launch;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Housekeeping on H2. */
class H2HousekeepingTest extends HousekeepingContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("housekeeping");
		registry.add("spring.datasource.url", () -> url);
	}

}
