package io.marketbatch.admin.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

/**
 * {@code marketbatch.alerts.*}: the defaults (no channel, console on 127.0.0.1:8080, 99
 * %), the README's names and their environment forms, and no secret in toString.
 */
class AlertPropertiesTest {

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AlertProperties.class)
	static class Bound {

	}

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Bound.class);

	@Test
	void defaultsSendNothing() {
		this.runner.run(context -> {
			AlertProperties alerts = context.getBean(AlertProperties.class);
			assertThat(alerts.consoleUrl()).isNull();
			assertThat(AlertsConfiguration.consoleUrl(alerts, new MockEnvironment()))
				.isEqualTo("http://127.0.0.1:8080");
			assertThat(AlertsConfiguration.consoleUrl(alerts,
					new MockEnvironment().withProperty("server.address", "0.0.0.0")
						.withProperty("server.port", "0")
						.withProperty("local.server.port", "18080")))
				.isEqualTo("http://127.0.0.1:18080");
			assertThat(alerts.completenessThreshold()).isEqualTo(99.0);
			assertThat(alerts.checkEvery()).isEqualTo(Duration.ofMinutes(1));
			assertThat(alerts.timeout()).isEqualTo(Duration.ofSeconds(10));
			assertThat(alerts.healthIgnored()).containsExactly("brokerToken", "dataFreshness");
			assertThat(alerts.webhook().url()).isNull();
			assertThat(alerts.slack().url()).isNull();
			assertThat(alerts.telegram().botToken()).isNull();
			assertThat(alerts.telegram().baseUrl()).isEqualTo("https://api.telegram.org");
			assertThat(alerts.email().to()).isEmpty();
		});
	}

	@Test
	void theReadmesNamesAndTheirEnvironmentForms() {
		this.runner
			.withPropertyValues("marketbatch.alerts.webhook.url=http://127.0.0.1:9000/hook",
					"marketbatch.alerts.email.to=a@example.test,b@example.test",
					"marketbatch.alerts.email.from=mb@example.test", "marketbatch.alerts.completeness-threshold=97.5",
					"marketbatch.alerts.console-url=http://mb.lan:8080")
			.withInitializer(
					context -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("MARKETBATCH_ALERTS_TELEGRAM_BOT_TOKEN", "123456789:secret-bot-token",
										"MARKETBATCH_ALERTS_TELEGRAM_CHAT_ID", "4242", "MARKETBATCH_ALERTS_SLACK_URL",
										"https://hooks.slack.test/services/T0/B0/secret"))))
			.run(context -> {
				AlertProperties alerts = context.getBean(AlertProperties.class);
				assertThat(alerts.webhook().url()).isEqualTo("http://127.0.0.1:9000/hook");
				assertThat(alerts.email().to()).isEqualTo(List.of("a@example.test", "b@example.test"));
				assertThat(alerts.email().from()).isEqualTo("mb@example.test");
				assertThat(alerts.completenessThreshold()).isEqualTo(97.5);
				assertThat(alerts.consoleUrl()).isEqualTo("http://mb.lan:8080");
				assertThat(
						AlertsConfiguration.consoleUrl(alerts, new MockEnvironment().withProperty("server.port", "9")))
					.isEqualTo("http://mb.lan:8080");
				assertThat(alerts.telegram().botToken()).isEqualTo("123456789:secret-bot-token");
				assertThat(alerts.telegram().chatId()).isEqualTo("4242");
				assertThat(alerts.slack().url()).endsWith("/secret");
				assertThat(alerts.toString()).doesNotContain("secret").doesNotContain("/hook");
			});
	}

}
