package io.marketbatch.admin;

import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;

import java.time.Clock;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The questions operators ask, shared by the service, the REST API and the lean context
 * of the command line's queries: the job-repository views and the data questions.
 */
@Configuration(proxyBeanMethods = false)
public class QueriesConfiguration {

	@Bean
	ExecutionReport executionReport(JdbcClient jdbc) {
		return new ExecutionReport(jdbc);
	}

	@Bean
	DataQueries dataQueries(JdbcClient jdbc, CalendarRepository calendars, Completeness completeness,
			InstrumentDirectory directory, Clock clock, MarketBatchProperties properties) {
		return new DataQueries(jdbc, calendars, completeness, directory, clock, properties.universe());
	}

}
