package io.marketbatch.jobs.launch;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Concurrent launches of one instance on H2. */
class H2ConcurrentLaunchTest extends ConcurrentLaunchContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("launch");
		registry.add("spring.datasource.url", () -> url);
	}

}
