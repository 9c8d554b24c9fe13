package io.marketbatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.admin.AdminProperties;
import io.marketbatch.broker.RetryProperties;
import io.marketbatch.broker.dhan.DhanProperties;
import io.marketbatch.broker.fyers.FyersProperties;
import io.marketbatch.broker.http.FeedSettings;
import io.marketbatch.broker.kite.KiteProperties;
import io.marketbatch.broker.sim.SimProperties;
import io.marketbatch.broker.upstox.UpstoxProperties;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.scheduling.CatchUpProperties;
import io.marketbatch.scheduling.RelaunchProperties;
import io.marketbatch.scheduling.ScheduleProperties;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every {@code marketbatch.*} record: the defaults a new user runs with, the README's
 * property names, and the environment-variable forms.
 */
class PropertiesBindingTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withUserConfiguration(AllProperties.class);

	@Test
	void defaultsRunEverythingWithNoConfiguration() {
		this.runner.run(context -> {
			MarketBatchProperties shared = context.getBean(MarketBatchProperties.class);
			assertThat(shared.broker()).isEqualTo("sim");
			assertThat(shared.universe()).isEqualTo("FNO");
			assertThat(shared.exchange()).isEqualTo("NSE");
			assertThat(shared.concurrency()).isEqualTo(4);
			assertThat(shared.progress()).isTrue();
			assertThat(shared.pretendedNow()).isEmpty();
			assertThat(shared.calendar().alwaysOpen()).isFalse();
			assertThat(shared.service()).isFalse();
			assertThat(context.getBean(RetryProperties.class))
				.isEqualTo(new RetryProperties(3, Duration.ofMillis(500), 3.0));
			assertThat(context.getBean(SimProperties.class))
				.isEqualTo(new SimProperties(Duration.ZERO, 0.0, null, null, 42, false, null, null,
						SimProperties.DEFAULT_NO_TRADE, Duration.ofMinutes(2), Duration.ofMinutes(5), List.of()));
			assertThat(context.getBean(UpstoxProperties.class)).isEqualTo(new UpstoxProperties("https://api.upstox.com",
					"https://assets.upstox.com/market-quote/instruments/exchange/NSE.json.gz", null,
					Duration.ofSeconds(20), FeedSettings.DEFAULTS));
			assertThat(context.getBean(KiteProperties.class)).isEqualTo(new KiteProperties("https://api.kite.trade",
					null, null, null, Duration.ofSeconds(20), "wss://ws.kite.trade", FeedSettings.DEFAULTS));
			assertThat(context.getBean(DhanProperties.class)).isEqualTo(
					new DhanProperties("https://api.dhan.co", "https://images.dhan.co/api-data/api-scrip-master.csv",
							null, null, Duration.ofSeconds(20), "wss://api-feed.dhan.co", FeedSettings.DEFAULTS));
			assertThat(context.getBean(FyersProperties.class)).isEqualTo(new FyersProperties("https://api-t1.fyers.in",
					"https://public.fyers.in/sym_details/NSE_CM.csv", null, null, Duration.ofSeconds(20)));
			ScheduleProperties schedule = context.getBean(ScheduleProperties.class);
			assertThat(schedule.enabled()).isTrue();
			assertThat(schedule.cron("ltpSnapshot")).isEmpty();
			assertThat(context.getBean(CatchUpProperties.class)).isEqualTo(new CatchUpProperties(true, 5));
			assertThat(context.getBean(RelaunchProperties.class).delays()).containsExactly(Duration.ofMinutes(1),
					Duration.ofMinutes(5), Duration.ofMinutes(15));
			assertThat(context.getBean(AdminProperties.class))
				.isEqualTo(new AdminProperties(null, Path.of("data/admin-token")));
		});
	}

	@Test
	void theReadmesPropertyNamesOverrideTheDefaults() {
		this.runner
			.withPropertyValues("marketbatch.broker=kite", "marketbatch.universe=NIFTY50", "marketbatch.concurrency=2",
					"marketbatch.progress=false", "marketbatch.now=2026-11-20T12:00:00Z",
					"marketbatch.calendar.always-open=true", "marketbatch.service=true", "marketbatch.retry.attempts=5",
					"marketbatch.retry.backoff=PT1S", "marketbatch.sim.fail-after=20", "marketbatch.sim.fail-for=PT2S",
					"marketbatch.sim.reject-token=true", "marketbatch.kite.api-key=key",
					"marketbatch.kite.access-token=token", "marketbatch.dhan.client-id=client",
					"marketbatch.fyers.app-id=app", "marketbatch.upstox.base-url=http://localhost:9",
					"marketbatch.upstox.timeout=5s", "marketbatch.schedule.enabled=false",
					"marketbatch.schedule.ltpSnapshot.cron=0/2 * * * * ?",
					"marketbatch.schedule.gap-fill.cron=0 0 0 1 1 ? 2099", "marketbatch.catch-up.enabled=false",
					"marketbatch.catch-up.days=2", "marketbatch.relaunch.delays=PT10S,PT20S",
					"marketbatch.admin.token=secret", "marketbatch.admin.token-file=/tmp/token")
			.run(context -> {
				MarketBatchProperties shared = context.getBean(MarketBatchProperties.class);
				assertThat(shared.broker()).isEqualTo("kite");
				assertThat(shared.universe()).isEqualTo("NIFTY50");
				assertThat(shared.concurrency()).isEqualTo(2);
				assertThat(shared.progress()).isFalse();
				assertThat(shared.pretendedNow()).contains(Instant.parse("2026-11-20T12:00:00Z"));
				assertThat(shared.calendar().alwaysOpen()).isTrue();
				assertThat(shared.service()).isTrue();
				assertThat(context.getBean(RetryProperties.class))
					.isEqualTo(new RetryProperties(5, Duration.ofSeconds(1), 3.0));
				assertThat(context.getBean(SimProperties.class))
					.isEqualTo(new SimProperties(Duration.ZERO, 0.0, 20L, Duration.ofSeconds(2), 42, true, null, null,
							SimProperties.DEFAULT_NO_TRADE, Duration.ofMinutes(2), Duration.ofMinutes(5), List.of()));
				KiteProperties kite = context.getBean(KiteProperties.class);
				assertThat(kite.apiKey()).isEqualTo("key");
				assertThat(kite.accessToken()).isEqualTo("token");
				assertThat(context.getBean(DhanProperties.class).clientId()).isEqualTo("client");
				assertThat(context.getBean(FyersProperties.class).appId()).isEqualTo("app");
				UpstoxProperties upstox = context.getBean(UpstoxProperties.class);
				assertThat(upstox.baseUrl()).isEqualTo("http://localhost:9");
				assertThat(upstox.timeout()).isEqualTo(Duration.ofSeconds(5));
				ScheduleProperties schedule = context.getBean(ScheduleProperties.class);
				assertThat(schedule.enabled()).isFalse();
				assertThat(schedule.cron("ltpSnapshot")).contains("0/2 * * * * ?");
				assertThat(schedule.cron("gapFill")).contains("0 0 0 1 1 ? 2099");
				assertThat(schedule.cron("dailyBackfill")).isEmpty();
				assertThat(schedule.cron("eodAggregation")).as("follows dailyBackfill, no trigger").isEmpty();
				assertThat(context.getBean(CatchUpProperties.class)).isEqualTo(new CatchUpProperties(false, 2));
				assertThat(context.getBean(RelaunchProperties.class).delays()).containsExactly(Duration.ofSeconds(10),
						Duration.ofSeconds(20));
				assertThat(context.getBean(AdminProperties.class))
					.isEqualTo(new AdminProperties("secret", Path.of("/tmp/token")));
			});
	}

	@Test
	void environmentVariablesBindAsBefore() {
		this.runner
			.withInitializer(
					context -> context.getEnvironment()
						.getPropertySources()
						.addFirst(new SystemEnvironmentPropertySource(
								StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
								Map.of("MARKETBATCH_BROKER", "upstox", "MARKETBATCH_UPSTOX_ACCESS_TOKEN", "token",
										"MARKETBATCH_SCHEDULE_LTPSNAPSHOT_CRON", "0 0/5 * * * ?",
										"MARKETBATCH_ADMIN_TOKEN", "secret", "MARKETBATCH_RELAUNCH_DELAYS", "PT1S"))))
			.run(context -> {
				assertThat(context.getBean(MarketBatchProperties.class).broker()).isEqualTo("upstox");
				assertThat(context.getBean(UpstoxProperties.class).accessToken()).isEqualTo("token");
				assertThat(context.getBean(ScheduleProperties.class).cron("ltpSnapshot")).contains("0 0/5 * * * ?");
				assertThat(context.getBean(AdminProperties.class).token()).isEqualTo("secret");
				assertThat(context.getBean(RelaunchProperties.class).delays())
					.isEqualTo(List.of(Duration.ofSeconds(1)));
			});
	}

	@Test
	void secretsAreNeverPrinted() {
		this.runner
			.withPropertyValues("marketbatch.upstox.access-token=upstox-secret",
					"marketbatch.kite.access-token=kite-secret", "marketbatch.dhan.access-token=dhan-secret",
					"marketbatch.fyers.access-token=fyers-secret", "marketbatch.admin.token=admin-secret")
			.run(context -> {
				for (Class<?> type : List.of(UpstoxProperties.class, KiteProperties.class, DhanProperties.class,
						FyersProperties.class, AdminProperties.class)) {
					assertThat(context.getBean(type).toString()).doesNotContain("secret").contains("******");
				}
			});
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ MarketBatchProperties.class, RetryProperties.class, SimProperties.class,
			UpstoxProperties.class, KiteProperties.class, DhanProperties.class, FyersProperties.class,
			ScheduleProperties.class, CatchUpProperties.class, RelaunchProperties.class, AdminProperties.class })
	static class AllProperties {

	}

}
