package io.marketbatch.admin;

import io.marketbatch.broker.TokenRenewal;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;

import java.time.Clock;
import java.util.Optional;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Command-line commands, the job-repository views they print, and the data questions they
 * share with the API.
 */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

	@Bean
	ExecutionReport executionReport(JdbcClient jdbc) {
		return new ExecutionReport(jdbc);
	}

	@Bean
	DataQueries dataQueries(JdbcClient jdbc, CalendarRepository calendars, Completeness completeness,
			InstrumentDirectory directory, Clock clock, MarketBatchProperties properties) {
		return new DataQueries(jdbc, calendars, completeness, directory, clock, properties.universe());
	}

	@Bean
	Commands commands(JobLaunches jobs, ExecutionControl control, ExecutionReport report, DataQueries data,
			TokenRenewal renewal) {
		return new Commands(jobs, control, report, data, System.out, System.err,
				Optional.of(new TokenCommand(renewal, System.out, System.err)));
	}

}
