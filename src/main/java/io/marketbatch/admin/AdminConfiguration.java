package io.marketbatch.admin;

import io.marketbatch.jobs.BatchJobs;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Command-line commands and the job-repository views they print. */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

	@Bean
	ExecutionReport executionReport(JdbcClient jdbc) {
		return new ExecutionReport(jdbc);
	}

	@Bean
	Commands commands(BatchJobs jobs, ExecutionReport report) {
		return new Commands(jobs, report, System.out, System.err);
	}
}
