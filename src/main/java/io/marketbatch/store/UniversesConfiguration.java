package io.marketbatch.store;

import io.marketbatch.config.MarketBatchProperties;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** The universes users list, create, change, merge and delete (API and command line). */
@Configuration(proxyBeanMethods = false)
public class UniversesConfiguration {

	@Bean
	UniverseStore universeStore(JdbcClient jdbc, InstrumentDirectory directory, MarketBatchProperties properties,
			Clock clock, TransactionTemplate transactions) {
		return new UniverseStore(jdbc, directory, properties.exchange(), clock, transactions);
	}

}
