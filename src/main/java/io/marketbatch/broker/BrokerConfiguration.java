package io.marketbatch.broker;

import io.marketbatch.broker.dhan.DhanClient;
import io.marketbatch.broker.dhan.DhanProperties;
import io.marketbatch.broker.fyers.FyersClient;
import io.marketbatch.broker.fyers.FyersProperties;
import io.marketbatch.broker.http.RequestBudgets;
import io.marketbatch.broker.kite.KiteClient;
import io.marketbatch.broker.kite.KiteProperties;
import io.marketbatch.broker.sim.SimProperties;
import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.broker.upstox.UpstoxClient;
import io.marketbatch.broker.upstox.UpstoxProperties;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.market.ExchangeCalendars;
import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
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

	/**
	 * One budget per account: in the database on PostgreSQL (every process), else here.
	 */
	@Bean
	RequestBudgets requestBudgets(ObjectProvider<DataSource> dataSource) {
		DataSource db = dataSource.getIfAvailable();
		return db == null ? RequestBudgets.inProcess() : RequestBudgets.forDatabase(db);
	}

	@Bean
	MarketDataSource marketDataSource(MarketBatchProperties properties, RetryProperties retry, SimProperties sim,
			UpstoxProperties upstox, KiteProperties kite, DhanProperties dhan, FyersProperties fyers,
			Supplier<TradingCalendar> calendar, Clock clock, ObjectProvider<CredentialStore> credentials,
			RequestBudgets budgets, ObjectProvider<ExchangeCalendars> exchangeCalendars) {
		CredentialStore store = credentials.getIfAvailable(CredentialStore::none);
		TokenProvider tokens = switch (properties.broker()) {
			// the simulator's token has no setting: a stored one replaces this one
			case SimulatedBroker.NAME -> new TokenProvider(SimulatedBroker.NAME, "sim", null, store);
			case UpstoxClient.NAME -> new TokenProvider(UpstoxClient.NAME, upstox.accessToken(), null, store);
			case KiteClient.NAME -> new TokenProvider(KiteClient.NAME, kite.accessToken(), kite.apiKey(), store);
			case DhanClient.NAME -> new TokenProvider(DhanClient.NAME, dhan.accessToken(), null, store);
			case FyersClient.NAME -> new TokenProvider(FyersClient.NAME, fyers.accessToken(), null, store);
			default -> TokenProvider.fixed(properties.broker(), null, null);
		};
		MarketDataSource broker = switch (properties.broker()) {
			case SimulatedBroker.NAME ->
				new SimulatedBroker(exchangeCalendars.getIfAvailable(() -> e -> calendar.get()), clock,
						sim.faults(clock, tokens), sim.trading());
			case UpstoxClient.NAME -> new UpstoxClient(upstox.baseUrl(), upstox.instrumentsUrl(), tokens,
					upstox.timeout(), budgets, upstox.feed(), clock);
			case KiteClient.NAME -> new KiteClient(kite.baseUrl(), kite.instrumentsUrl(), tokens, kite.timeout(), clock,
					budgets, kite.apiKey(), kite.tickerUrl(), kite.feed());
			case DhanClient.NAME -> new DhanClient(dhan.baseUrl(), dhan.instrumentsUrl(), dhan.clientId(), tokens,
					dhan.timeout(), clock, budgets, dhan.feedUrl(), dhan.feed());
			case FyersClient.NAME -> new FyersClient(fyers.baseUrl(), fyers.instrumentsUrl(), fyers.appId(), tokens,
					fyers.timeout(), clock, budgets);
			default -> throw new IllegalStateException("marketbatch.broker=" + properties.broker()
					+ " is not supported: use sim, upstox, kite, dhan or fyers");
		};
		return new RetryingMarketDataSource(broker, retry.attempts(), retry.backoff(), retry.multiplier(), tokens,
				clock);
	}

	@Bean
	TokenRenewal tokenRenewal(MarketDataSource broker, ObjectProvider<CredentialStore> credentials) {
		return new TokenRenewal(credentials.getIfAvailable(CredentialStore::none), broker);
	}

}
