package io.marketbatch.jobs;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** liveCapture on H2. */
class H2LiveCaptureTest extends LiveCaptureContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("live");
		registry.add("spring.datasource.url", () -> url);
	}

}
