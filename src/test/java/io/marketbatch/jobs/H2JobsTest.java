package io.marketbatch.jobs;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** The job contract on H2 (in memory, same settings as the default file database). */
class H2JobsTest extends JobsContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("jobs");
		registry.add("spring.datasource.url", () -> url);
	}

}
