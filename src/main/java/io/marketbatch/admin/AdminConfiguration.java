package io.marketbatch.admin;

import io.marketbatch.MarketBatchProperties;
import io.marketbatch.jobs.launch.BatchJobs;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.InstrumentDirectory;

import java.time.Clock;

import org.springframework.batch.core.repository.JobRepository;
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
	DataQueries dataQueries(JdbcClient jdbc, CalendarRepository calendars, InstrumentDirectory directory, Clock clock,
			MarketBatchProperties properties) {
		return new DataQueries(jdbc, calendars, directory, clock, properties.getUniverse());
	}

	@Bean
	Commands commands(BatchJobs jobs, ExecutionReport report, DataQueries data, JobRepository repository) {
		return new Commands(jobs, report, new QueryCommands(report, data, repository, System.out, System.err),
				System.out, System.err);
	}

}
