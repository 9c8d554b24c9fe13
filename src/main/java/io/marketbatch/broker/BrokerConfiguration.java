package io.marketbatch.broker;

import io.marketbatch.broker.dhan.DhanClient;
import io.marketbatch.broker.dhan.DhanProperties;
import io.marketbatch.broker.fyers.FyersClient;
import io.marketbatch.broker.fyers.FyersProperties;
import io.marketbatch.broker.kite.KiteClient;
import io.marketbatch.broker.kite.KiteProperties;
import io.marketbatch.broker.sim.SimProperties;
import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.broker.upstox.UpstoxClient;
import io.marketbatch.broker.upstox.UpstoxProperties;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.util.function.Supplier;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The broker {@code marketbatch.broker} names, behind in-step retries. The simulated
 * market reads the exchange calendar through a supplier, so broker/ needs nothing from
 * the store.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({ RetryProperties.class, SimProperties.class, UpstoxProperties.class,
		KiteProperties.class, DhanProperties.class, FyersProperties.class })
public class BrokerConfiguration {

	@Bean
	MarketDataSource marketDataSource(MarketBatchProperties properties, RetryProperties retry, SimProperties sim,
			UpstoxProperties upstox, KiteProperties kite, DhanProperties dhan, FyersProperties fyers,
			Supplier<TradingCalendar> calendar, Clock clock) {
		MarketDataSource broker = switch (properties.broker()) {
			case SimulatedBroker.NAME -> new SimulatedBroker(calendar, clock, sim.faults(clock));
			case UpstoxClient.NAME ->
				new UpstoxClient(upstox.baseUrl(), upstox.instrumentsUrl(), upstox.accessToken(), upstox.timeout());
			case KiteClient.NAME -> new KiteClient(kite.baseUrl(), kite.instrumentsUrl(), kite.apiKey(),
					kite.accessToken(), kite.timeout(), clock);
			case DhanClient.NAME -> new DhanClient(dhan.baseUrl(), dhan.instrumentsUrl(), dhan.clientId(),
					dhan.accessToken(), dhan.timeout(), clock);
			case FyersClient.NAME -> new FyersClient(fyers.baseUrl(), fyers.instrumentsUrl(), fyers.appId(),
					fyers.accessToken(), fyers.timeout(), clock);
			default -> throw new IllegalStateException("marketbatch.broker=" + properties.broker()
					+ " is not supported: use sim, upstox, kite, dhan or fyers");
		};
		return new RetryingMarketDataSource(broker, retry.attempts(), retry.backoff(), retry.multiplier());
	}

}
