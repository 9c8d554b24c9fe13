package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.support.TestCalendars;

import java.time.Clock;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code marketbatch.broker} picks the client, always behind the retrying wrapper. */
class BrokerConfigurationTest {

	private final ApplicationContextRunner runner = new ApplicationContextRunner().withUserConfiguration(Shared.class,
			BrokerConfiguration.class);

	@ParameterizedTest
	@CsvSource({ "sim, io.marketbatch.broker.sim.SimulatedBroker", "upstox, io.marketbatch.broker.upstox.UpstoxClient",
			"kite, io.marketbatch.broker.kite.KiteClient", "dhan, io.marketbatch.broker.dhan.DhanClient",
			"fyers, io.marketbatch.broker.fyers.FyersClient" })
	void theNamedBrokerFeedsTheJobs(String name, Class<?> client) {
		this.runner.withPropertyValues("marketbatch.broker=" + name).run(context -> {
			MarketDataSource source = context.getBean(MarketDataSource.class);
			assertThat(source).isInstanceOf(RetryingMarketDataSource.class);
			assertThat(((RetryingMarketDataSource) source).delegate()).isInstanceOf(client);
			assertThat(source.name()).isEqualTo(name);
		});
	}

	@Test
	void withNoSettingTheSimulatedMarketNeedsNoCredentials() {
		this.runner
			.run(context -> assertThat(((RetryingMarketDataSource) context.getBean(MarketDataSource.class)).delegate())
				.isInstanceOf(SimulatedBroker.class));
	}

	@Test
	void anUnsupportedBrokerFailsTheStartListingTheSupportedOnes() {
		this.runner.withPropertyValues("marketbatch.broker=zerodha")
			.run(context -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(IllegalStateException.class)
				.hasMessage("marketbatch.broker=zerodha is not supported: use sim, upstox, kite, dhan or fyers"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(MarketBatchProperties.class)
	static class Shared {

		@Bean
		Clock clock() {
			return Clock.system(TradingCalendar.IST);
		}

		@Bean
		Supplier<TradingCalendar> tradingCalendar() {
			return TestCalendars::nse;
		}

	}

}
