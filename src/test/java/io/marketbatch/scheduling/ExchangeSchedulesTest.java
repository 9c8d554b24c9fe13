package io.marketbatch.scheduling;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;
import io.marketbatch.support.TestDatabases;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A schedule covering two exchanges ({@code marketbatch.exchanges=NSE,MCX:MCX_TOP}) fires
 * one instance per exchange, each by its own calendar: on Dussehra 2026 NSE is closed and
 * MCX trades its evening.
 */
@SpringBootTest(properties = { "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"spring.main.banner-mode=off",
		"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@Import(SettableClock.Config.class)
class ExchangeSchedulesTest {

	@DynamicPropertySource
	static void database(DynamicPropertyRegistry registry) {
		String url = TestDatabases.newH2Database("schedules");
		registry.add("spring.datasource.url", () -> url);
	}

	@Autowired
	JobLaunches launches;

	@Autowired
	ExecutionControl control;

	@Autowired
	CalendarRepository calendars;

	@Autowired
	MarketDataSource broker;

	@Autowired
	JobRepository repository;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void eachExchangeFiresByItsOwnCalendar() {
		TestData.clean(jdbc, repository, broker);
		ScheduledRuns runs = new ScheduledRuns(launches, control, calendars, new RelaunchPolicy(List.of(),
				new StaticListableBeanFactory().getBeanProvider(org.quartz.Scheduler.class), repository, control),
				new SimpleMeterRegistry(), new TokenGate(broker),
				new ScheduledExchanges(List.of("NSE", "mcx:MCX_TOP")));
		// Tue 2026-10-20 16:00 IST: Dussehra, NSE closed; MCX's evening opens at 17:00,
		// so
		// its last completed day is Monday the 19th
		runs.fire("dailyBackfill", Instant.parse("2026-10-20T10:30:00Z"));
		Map<String, String> instances = new TreeMap<>();
		jdbc.query("SELECT i.JOB_NAME, p.PARAMETER_VALUE FROM BATCH_JOB_INSTANCE i "
				+ "JOIN BATCH_JOB_EXECUTION e ON e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID "
				+ "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
				+ "WHERE p.PARAMETER_NAME = 'exchange'", rs -> {
					instances.put(rs.getString(1), rs.getString(2));
				});
		assertThat(instances).containsExactly(Map.entry("dailyBackfill", "MCX"), Map.entry("eodAggregation", "MCX"));
		// five futures, Monday 09:00-23:30
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'", Long.class))
			.isEqualTo(5 * 870);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle WHERE timeframe = '1h'", Long.class))
			.isEqualTo(5 * 15);
		assertThat(new ScheduledExchanges(null).covered("BSE"))
			.containsExactly(new ScheduledExchanges.Covered("BSE", null));
	}

}
