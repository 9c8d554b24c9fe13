package io.marketbatch.admin.api;

import io.marketbatch.support.TestDatabases;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

class H2AdminApiTest extends AdminApiContract {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("api");
		registry.add("spring.datasource.url", () -> url);
	}

}
