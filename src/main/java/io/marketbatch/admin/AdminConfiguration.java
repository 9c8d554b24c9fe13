package io.marketbatch.admin;

import io.marketbatch.broker.TokenRenewal;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.store.CalendarMismatches;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.UniverseStore;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The command-line commands of the full context (run, restart, stop, help, and the
 * queries).
 */
@Configuration(proxyBeanMethods = false)
public class AdminConfiguration {

	@Bean
	Commands commands(JobLaunches jobs, ExecutionControl control, ExecutionReport report, DataQueries data,
			JobRepository repository, TokenRenewal renewal, CalendarRepository calendars, CalendarMismatches mismatches,
			UniverseStore universes) {
		return new Commands(jobs, control, report,
				new QueryCommands(report, () -> data, () -> repository,
						() -> new CalendarCommand(calendars, mismatches, System.out), System.out, System.err),
				new TokenCommand(renewal, System.out, System.err),
				new UniverseCommand(universes, System.out, System.err), System.out, System.err);
	}

}
