package io.marketbatch.admin;

import io.marketbatch.config.ClockConfiguration;
import io.marketbatch.store.StoreConfiguration;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.ConfigurationPropertiesAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Lazy;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The context of the {@link QueryCommands}: the database (migrated by Flyway, so a new
 * folder works), a job repository to read executions, and the readers {@link DataQueries}
 * needs. No jobs, broker, scheduler, web server or actuator, and no component scan:
 * starting only this roughly halves the time {@code status} takes.
 * <p>
 * Deliberately not a {@code @Configuration}: the service's component scan must not pick
 * it up, and it is no {@code @SpringBootConfiguration} so that tests still find the
 * application's.
 */
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, ConfigurationPropertiesAutoConfiguration.class,
		DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
		JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class, FlywayAutoConfiguration.class })
@Import({ ClockConfiguration.class, StoreConfiguration.class, QueriesConfiguration.class })
public class QueryContext {

	/**
	 * Starts the query context; {@code defaults} are the command defaults (logging, no
	 * banner), {@code springArgs} the user's {@code --name=value} properties.
	 */
	public static ConfigurableApplicationContext start(List<String> springArgs, Map<String, Object> defaults) {
		// Boot warms up Jackson, Tomcat and the HTTP converters on a second thread; none
		// is used here, and on two cores that thread only slows the start down
		System.setProperty("spring.backgroundpreinitializer.ignore", "true");
		Map<String, Object> withoutMigrations = new HashMap<>(defaults);
		withoutMigrations.put("spring.flyway.enabled", "false");
		ConfigurableApplicationContext context = run(springArgs, withoutMigrations);
		if (MigratedSchema.isCurrent(context)) {
			return context;
		}
		// a new or older database: Flyway migrates it, as the service would
		context.close();
		return run(springArgs, defaults);
	}

	private static ConfigurableApplicationContext run(List<String> springArgs, Map<String, Object> defaults) {
		SpringApplication app = new SpringApplication(QueryContext.class);
		// never a web server, whatever the properties say
		app.setWebApplicationType(WebApplicationType.NONE);
		app.setDefaultProperties(defaults);
		return app.run(springArgs.toArray(String[]::new));
	}

	/**
	 * Only {@code show} reads it (through a lazy proxy, so the other commands never build
	 * it); the same tables and serializer as the jobs'.
	 */
	@Bean
	@Lazy
	JdbcJobRepositoryFactoryBean jobRepository(DataSource dataSource, PlatformTransactionManager transactionManager) {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(transactionManager);
		return factory;
	}

	@Bean
	QueryCommands queryCommands(ExecutionReport report, DataQueries data, @Lazy JobRepository repository) {
		return new QueryCommands(report, data, repository, System.out, System.err);
	}

}
