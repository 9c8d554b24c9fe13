package io.marketbatch.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service on a random port (H2, simulated broker, NIFTY 50, schedule and catch-up
 * off), shared by the test classes that call it over HTTP as a client would.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "marketbatch.service=true", "marketbatch.admin.token=" + RunningService.TOKEN,
				"marketbatch.catch-up.enabled=false", "marketbatch.schedule.enabled=false",
				"marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
				"marketbatch.retry.backoff=PT0.01S", "marketbatch.universe=NIFTY50", "spring.main.banner-mode=off" })
@Import(SettableClock.Config.class)
public abstract class RunningService {

	public static final String TOKEN = "running-service-token";

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("service");
		registry.add("spring.datasource.url", () -> url);
	}

	@LocalServerPort
	protected int port;

	protected final HttpClient http = HttpClient.newHttpClient();

	protected HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
			.timeout(Duration.ofSeconds(20))
			.header("Authorization", "Bearer " + TOKEN);
	}

	protected HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

}
