package io.marketbatch.scheduling;

import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.jobs.launch.BatchJobs;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.SqlDialect;

import java.time.Clock;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TimeZone;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.quartz.CronScheduleBuilder;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.Scheduler;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service's schedule (Asia/Kolkata): one Quartz job and cron trigger per Batch job,
 * each cron overridable with {@code marketbatch.schedule.<job>.cron}. Minute-level jobs
 * skip a misfire (gap fill recovers the candles); daily and weekly ones fire once when
 * the service comes back.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "marketbatch.service", havingValue = "true")
@EnableConfigurationProperties({ ScheduleProperties.class, CatchUpProperties.class, RelaunchProperties.class })
public class SchedulingConfiguration {

	/**
	 * Default cron per job; eodAggregation follows dailyBackfill instead of having a
	 * trigger.
	 */
	static final Map<String, String> DEFAULT_CRON = defaults();

	private static Map<String, String> defaults() {
		Map<String, String> cron = new LinkedHashMap<>();
		cron.put(JobNames.INSTRUMENT_SYNC, "0 30 8 * * ?");
		cron.put(JobNames.LTP_SNAPSHOT, "0 * * * * ?");
		cron.put(JobNames.GAP_FILL, "30 */5 * * * ?");
		cron.put(JobNames.DAILY_BACKFILL, "0 0 16 * * ?");
		cron.put(JobNames.HISTORY_BACKFILL, "0 0 10 ? * SUN");
		return cron;
	}

	static final String GROUP = "market-batch";

	static final List<String> SKIP_MISFIRES = List.of(JobNames.LTP_SNAPSHOT, JobNames.GAP_FILL);

	@Bean
	ScheduledRuns scheduledRuns(BatchJobs jobs, CalendarRepository calendars, ObjectProvider<Scheduler> scheduler,
			RelaunchProperties relaunch, ObjectProvider<MeterRegistry> meters) {
		return new ScheduledRuns(jobs, calendars, scheduler, relaunch.delays(),
				meters.getIfAvailable(SimpleMeterRegistry::new));
	}

	@Bean
	ServiceLifecycle serviceLifecycle(BatchJobs jobs, ScheduledRuns runs, CalendarRepository calendars, JdbcClient jdbc,
			Clock clock, MarketBatchProperties properties, ScheduleProperties schedule, CatchUpProperties catchUp,
			Environment environment) {
		return new ServiceLifecycle(jobs, runs, calendars, jdbc, clock, properties, schedule, catchUp, environment);
	}

	@Bean
	SchedulerFactoryBeanCustomizer marketBatchScheduler(SqlDialect dialect, ScheduleProperties schedule,
			Environment environment) {
		return factory -> {
			Properties quartz = new Properties();
			quartz.putAll(Binder.get(environment)
				.bind("spring.quartz.properties", Bindable.mapOf(String.class, String.class))
				.orElse(Map.of()));
			quartz.setProperty("org.quartz.jobStore.driverDelegateClass",
					dialect == SqlDialect.POSTGRESQL ? "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate"
							: "org.quartz.impl.jdbcjobstore.StdJDBCDelegate");
			// H2 stays single-node; PostgreSQL nodes on one database form one cluster
			quartz.setProperty("org.quartz.jobStore.isClustered", String.valueOf(dialect == SqlDialect.POSTGRESQL));
			factory.setQuartzProperties(quartz);
			if (schedule.enabled()) {
				factory.setJobDetails(jobDetails().toArray(JobDetail[]::new));
				factory.setTriggers(triggers(schedule).toArray(Trigger[]::new));
			}
		};
	}

	static List<JobDetail> jobDetails() {
		return DEFAULT_CRON.keySet()
			.stream()
			.map(job -> JobBuilder.newJob(ScheduledLaunch.class)
				.withIdentity(job, GROUP)
				.usingJobData(ScheduledLaunch.JOB_NAME, job)
				.storeDurably()
				.build())
			.toList();
	}

	static List<Trigger> triggers(ScheduleProperties schedule) {
		return DEFAULT_CRON.entrySet().stream().map(entry -> {
			String job = entry.getKey();
			String cron = schedule.cron(job).orElse(entry.getValue());
			CronScheduleBuilder builder = CronScheduleBuilder.cronSchedule(cron)
				.inTimeZone(TimeZone.getTimeZone(TradingCalendar.IST));
			builder = SKIP_MISFIRES.contains(job) ? builder.withMisfireHandlingInstructionDoNothing()
					: builder.withMisfireHandlingInstructionFireAndProceed();
			return (Trigger) TriggerBuilder.newTrigger()
				.withIdentity(job, GROUP)
				.forJob(job, GROUP)
				.withSchedule(builder)
				.build();
		}).toList();
	}

}
