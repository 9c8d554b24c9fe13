package io.marketbatch.admin;

import io.marketbatch.broker.BrokerLimits;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.config.ClockConfiguration;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.store.CalendarMismatches;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.CandleCoverage;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.CoveragePolicy;
import io.marketbatch.store.SqlDialect;
import io.marketbatch.store.InstrumentDirectory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.util.function.SingletonSupplier;

/**
 * What the {@link QueryCommands} need, built without an application context: the settings
 * (command line, environment, the {@code application.yml} files, bound by Spring Boot's
 * own binder), one connection to the database, and the readers. Starting a Spring context
 * costs several seconds of CPU on two cores; this answers {@code status} in about one. A
 * setup that needs more than these files (profiles, {@code spring.config.*}) or a
 * database that is not migrated yet is left to the full context ({@link #open} answers
 * empty).
 */
public final class QueryContext implements AutoCloseable {

	private static final List<Resource> CONFIG_FILES = List.of(new FileSystemResource("config/application.yml"),
			new FileSystemResource("application.yml"), new ClassPathResource("application.yml"));

	private static final QueriesConfiguration QUERIES = new QueriesConfiguration();

	private final ConfigurableEnvironment environment;

	private final SingleConnectionDataSource dataSource;

	private final JdbcClient jdbc;

	private QueryContext(ConfigurableEnvironment environment, SingleConnectionDataSource dataSource) {
		this.environment = environment;
		this.dataSource = dataSource;
		this.jdbc = JdbcClient.create(dataSource);
	}

	/**
	 * The query context for these {@code --name=value} arguments over the command
	 * defaults; empty when the full context has to answer instead.
	 */
	public static Optional<QueryContext> open(List<String> springArgs, Map<String, Object> defaults) {
		ConfigurableEnvironment environment = environment(springArgs, defaults);
		if (environment.getActiveProfiles().length > 0 || environment.containsProperty("spring.config.location")
				|| environment.containsProperty("spring.config.additional-location")
				|| environment.containsProperty("spring.config.import")) {
			return Optional.empty();
		}
		SingleConnectionDataSource dataSource = new SingleConnectionDataSource(
				readOnlyUrl(environment.getRequiredProperty("spring.datasource.url")),
				environment.getProperty("spring.datasource.username", ""),
				environment.getProperty("spring.datasource.password", ""), true);
		QueryContext context = new QueryContext(environment, dataSource);
		if (!MigratedSchema.isCurrent(environment, dataSource, context.jdbc)) {
			// a new or older database: the full context migrates it first, as the service
			// would
			context.close();
			return Optional.empty();
		}
		return Optional.of(context);
	}

	/**
	 * An H2 file database compacts its store when the last connection closes (up to a
	 * second after a migration); a command that only read has nothing to compact.
	 */
	static String readOnlyUrl(String url) {
		boolean h2File = url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:mem:");
		return (h2File && !url.toUpperCase(Locale.ROOT).contains("MAX_COMPACT_TIME")) ? url + ";MAX_COMPACT_TIME=0"
				: url;
	}

	/**
	 * Spring Boot's order: command line, environment, ./config, ./, the jar's own file,
	 * defaults.
	 */
	private static ConfigurableEnvironment environment(List<String> springArgs, Map<String, Object> defaults) {
		StandardEnvironment environment = new StandardEnvironment();
		MutablePropertySources sources = environment.getPropertySources();
		sources.addFirst(new SimpleCommandLinePropertySource(springArgs.toArray(String[]::new)));
		YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
		for (Resource file : CONFIG_FILES) {
			if (file.exists()) {
				try {
					yaml.load("Config resource '" + file + "'", file).forEach(sources::addLast);
				}
				catch (IOException e) {
					throw new UncheckedIOException("cannot read " + file, e);
				}
			}
		}
		sources.addLast(new MapPropertySource("commandDefaults", defaults));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	public ConfigurableEnvironment environment() {
		return environment;
	}

	/**
	 * Whether the database knows any universe yet (a first start loads the simulated
	 * market).
	 */
	public boolean hasUniverses() {
		return !directory(settings()).universeNames().isEmpty();
	}

	public QueryCommands commands(PrintStream out, PrintStream err) {
		return new QueryCommands(QUERIES.executionReport(jdbc), SingletonSupplier.of(this::dataQueries),
				SingletonSupplier.of(this::jobRepository), SingletonSupplier.of(() -> calendarCommand(out)), out, err);
	}

	private CalendarCommand calendarCommand(PrintStream out) {
		MarketBatchProperties settings = settings();
		return new CalendarCommand(new CalendarRepository(jdbc, settings.exchange(), settings.calendar().alwaysOpen()),
				new CalendarMismatches(jdbc), out);
	}

	private DataQueries dataQueries() {
		MarketBatchProperties settings = settings();
		Clock clock = ClockConfiguration.of(settings);
		CalendarRepository calendars = new CalendarRepository(jdbc, settings.exchange(),
				settings.calendar().alwaysOpen());
		// the same wiring as the service's beans; without a broker, a default settle lag
		// and
		// only the stored unavailable days
		Completeness completeness = new Completeness(jdbc, calendars::load, calendars,
				new CandleCoverage(new JdbcTemplate(dataSource), SqlDialect.of(dataSource), TradingCalendar.IST), clock,
				new CoveragePolicy(BrokerLimits.DEFAULT_SETTLE_LAG, today -> Optional.empty()));
		return QUERIES.dataQueries(jdbc, calendars, completeness, directory(settings), clock, settings);
	}

	private MarketBatchProperties settings() {
		return Binder.get(environment).bindOrCreate("marketbatch", MarketBatchProperties.class);
	}

	private InstrumentDirectory directory(MarketBatchProperties settings) {
		return new InstrumentDirectory(jdbc, settings.broker(), settings.exchange());
	}

	/**
	 * The same tables and serializer as the jobs' repository; only {@code show} needs it.
	 */
	private JobRepository jobRepository() {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new JdbcTransactionManager(dataSource));
		try {
			factory.afterPropertiesSet();
			return factory.getObject();
		}
		catch (Exception e) {
			throw new IllegalStateException("cannot read the job repository: " + e.getMessage(), e);
		}
	}

	@Override
	public void close() {
		dataSource.destroy();
	}

}
