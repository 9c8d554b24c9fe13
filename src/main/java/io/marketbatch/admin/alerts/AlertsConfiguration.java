package io.marketbatch.admin.alerts;

import io.marketbatch.admin.DataQueries;
import io.marketbatch.admin.api.AdminToken;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.store.BrokerTokenTable;
import io.marketbatch.store.CalendarRepository;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.UnaryOperator;

import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The service's alerts: the channels whose address is set, the open-alert table, the
 * listener of the schedule's events and the periodic checks.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "marketbatch.service", havingValue = "true")
@EnableConfigurationProperties(AlertProperties.class)
public class AlertsConfiguration {

	@Bean
	Secrets alertSecrets(ConfigurableEnvironment environment, ObjectProvider<BrokerTokenTable> tokens,
			ObjectProvider<AdminToken> adminToken, MarketBatchProperties properties) {
		UnaryOperator<String> admin = text -> {
			AdminToken token = adminToken.getIfAvailable();
			return (token == null) ? text : token.redact(text, Secrets.MASK);
		};
		return new Secrets(environment, () -> {
			List<String> secrets = new ArrayList<>();
			BrokerTokenTable table = tokens.getIfAvailable();
			if (table != null) {
				table.latest(properties.broker()).ifPresent(stored -> {
					secrets.add(stored.accessToken());
					if (stored.apiKey() != null) {
						secrets.add(stored.apiKey());
					}
				});
			}
			return secrets;
		}, admin);
	}

	@Bean
	AlertDispatcher alertDispatcher(AlertProperties properties, ObjectProvider<JavaMailSender> mail, Secrets secrets) {
		OkHttpClient http = new OkHttpClient.Builder().callTimeout(properties.timeout()).build();
		List<AlertChannel> channels = new ArrayList<>();
		if (set(properties.webhook().url())) {
			channels.add(HttpChannel.webhook(http, properties.webhook().url()));
		}
		if (set(properties.slack().url())) {
			channels.add(HttpChannel.slack(http, properties.slack().url()));
		}
		AlertProperties.Telegram telegram = properties.telegram();
		if (set(telegram.botToken()) || set(telegram.chatId())) {
			if (!set(telegram.botToken()) || !set(telegram.chatId())) {
				throw new IllegalArgumentException(
						"marketbatch.alerts.telegram: set both bot-token and chat-id (or neither)");
			}
			channels.add(HttpChannel.telegram(http, telegram.baseUrl(), telegram.botToken(), telegram.chatId()));
		}
		if (!properties.email().to().isEmpty()) {
			JavaMailSender sender = mail.getIfAvailable();
			if (sender == null) {
				throw new IllegalArgumentException("marketbatch.alerts.email.to is set but no mail server is: set "
						+ "spring.mail.host (and spring.mail.port, .username, .password)");
			}
			boundTimeouts(sender, properties);
			channels.add(new EmailChannel(sender, properties.email().to(), properties.email().from()));
		}
		return new AlertDispatcher(channels, secrets, properties.timeout());
	}

	@Bean
	OpenAlerts openAlerts(JdbcClient jdbc) {
		return new OpenAlerts(jdbc);
	}

	@Bean
	Alerts alerts(OpenAlerts open, AlertDispatcher dispatcher, Secrets secrets, AlertProperties properties, Clock clock,
			Environment environment) {
		return new Alerts(open, dispatcher, secrets, () -> consoleUrl(properties, environment), clock);
	}

	@Bean
	AlertChecks alertChecks(Alerts alerts, OpenAlerts open, DataQueries data, CalendarRepository calendars,
			JdbcClient jdbc, ObjectProvider<HealthContributorRegistry> health, AlertProperties properties,
			MarketBatchProperties marketBatch, Clock clock, ExecutionControl control) {
		return new AlertChecks(alerts, open, data, calendars, jdbc, health.getIfAvailable(), properties,
				marketBatch.universe(), clock, control::isRunningAny);
	}

	/** The configured console address, else the service's own address and port. */
	static String consoleUrl(AlertProperties properties, Environment environment) {
		if (set(properties.consoleUrl())) {
			return properties.consoleUrl().strip();
		}
		String address = environment.getProperty("server.address", "127.0.0.1");
		if (address.equals("0.0.0.0") || address.equals("::") || address.isBlank()) {
			address = "127.0.0.1";
		}
		else if (address.contains(":")) {
			address = "[" + address + "]";
		}
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		return "http://" + address + ":" + port;
	}

	/** A mail server that does not answer must not hold a sending thread forever. */
	private static void boundTimeouts(JavaMailSender sender, AlertProperties properties) {
		if (sender instanceof JavaMailSenderImpl impl) {
			Properties mail = impl.getJavaMailProperties();
			String millis = String.valueOf(properties.timeout().toMillis());
			for (String key : List.of("mail.smtp.connectiontimeout", "mail.smtp.timeout", "mail.smtp.writetimeout")) {
				mail.putIfAbsent(key, millis);
			}
		}
	}

	private static boolean set(@Nullable String value) {
		return value != null && !value.isBlank();
	}

}
