package io.marketbatch.scheduling;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobSchedule;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.SqlDialect;

import java.time.Clock;
import java.util.ArrayList;
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
import org.quartz.SchedulerException;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.springframework.batch.core.repository.JobRepository;
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
 * The service's schedule (Asia/Kolkata): one Quartz job and cron trigger per job whose
 * spec has a schedule, each cron overridable with
 * {@code marketbatch.schedule.<job>.cron}, each misfire handled as the spec says
 * (minute-level jobs skip, daily and weekly ones fire once on return).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "marketbatch.service", havingValue = "true")
@EnableConfigurationProperties({ ScheduledExchanges.class, ScheduleProperties.class, CatchUpProperties.class,
		RelaunchProperties.class, TokenProperties.class, RecoveryProperties.class })
public class SchedulingConfiguration {

	static final String GROUP = "market-batch";

	@Bean
	RelaunchPolicy relaunchPolicy(RelaunchProperties relaunch, ObjectProvider<Scheduler> scheduler,
			JobRepository repository, ExecutionControl control) {
		return new RelaunchPolicy(relaunch.delays(), scheduler, repository, control);
	}

	@Bean
	ScheduledRuns scheduledRuns(JobLaunches launches, ExecutionControl control, CalendarRepository calendars,
			RelaunchPolicy relaunchPolicy, ObjectProvider<MeterRegistry> meters, MarketDataSource broker,
			ScheduledExchanges exchanges) {
		return new ScheduledRuns(launches, control, calendars, relaunchPolicy,
				meters.getIfAvailable(SimpleMeterRegistry::new), new TokenGate(broker), exchanges);
	}

	@Bean
	TokenWatch tokenWatch(MarketDataSource broker, ScheduledRuns runs, CalendarRepository calendars, Clock clock,
			TokenProperties token) {
		return new TokenWatch(broker, runs, calendars, clock, token.poll());
	}

	@Bean
	ServiceLifecycle serviceLifecycle(ExecutionControl control, OrphanRecovery orphanRecovery, ScheduledRuns runs,
			CalendarRepository calendars, JdbcClient jdbc, Clock clock, MarketBatchProperties properties,
			ScheduleProperties schedule, CatchUpProperties catchUp, Environment environment) {
		return new ServiceLifecycle(control, orphanRecovery, runs, calendars, jdbc, clock, properties, schedule,
				catchUp, environment);
	}

	@Bean
	SchedulerFactoryBeanCustomizer marketBatchScheduler(SqlDialect dialect, Environment environment) {
		return factory -> {
			Properties quartz = new Properties();
			quartz.putAll(Binder.get(environment)
				.bind("spring.quartz.properties", Bindable.mapOf(String.class, String.class))
				.orElse(Map.of()));
			quartz.setProperty("org.quartz.jobStore.driverDelegateClass", dialect.quartzDelegate());
			// H2 stays single-node; PostgreSQL nodes on one database form one cluster
			quartz.setProperty("org.quartz.jobStore.isClustered", String.valueOf(dialect.clustered()));
			factory.setQuartzProperties(quartz);
			// stored triggers are brought to the configuration by TriggerSync, never
			// rebuilt
			factory.setOverwriteExistingJobs(false);
		};
	}

	@Bean
	OrphanRecovery orphanRecovery(ExecutionControl control, RelaunchPolicy relaunchPolicy) {
		return new OrphanRecovery(control, relaunchPolicy);
	}

	/**
	 * The jobs' triggers, the token check and the orphan sweep, synchronised with the
	 * stored ones before the scheduler starts.
	 */
	@Bean
	TriggerSync marketBatchTriggers(Scheduler scheduler, ScheduleProperties schedule, TokenProperties token,
			RecoveryProperties recovery, JobLaunches launches) throws SchedulerException {
		List<JobDetail> details = new ArrayList<>();
		List<Trigger> triggers = new ArrayList<>();
		if (schedule.enabled()) {
			List<JobSpec> scheduled = scheduled(launches.specs());
			details.addAll(jobDetails(scheduled));
			triggers.addAll(triggers(scheduled, schedule));
			details.add(tokenCheckDetail());
			triggers.add(tokenCheckTrigger(token.checkCron()));
		}
		if (!recovery.sweepCron().isBlank()) {
			details.add(JobBuilder.newJob(OrphanSweep.class)
				.withIdentity(OrphanSweep.NAME, OrphanSweep.GROUP)
				.storeDurably()
				.build());
			triggers.add(TriggerBuilder.newTrigger()
				.withIdentity(OrphanSweep.NAME, OrphanSweep.GROUP)
				.forJob(OrphanSweep.NAME, OrphanSweep.GROUP)
				.withSchedule(CronScheduleBuilder.cronSchedule(recovery.sweepCron())
					.inTimeZone(TimeZone.getTimeZone(TradingCalendar.IST))
					.withMisfireHandlingInstructionDoNothing())
				.build());
		}
		return TriggerSync.sync(scheduler, details, triggers);
	}

	static JobDetail tokenCheckDetail() {
		return JobBuilder.newJob(TokenCheck.class)
			.withIdentity(TokenCheck.NAME, TokenCheck.GROUP)
			.storeDurably()
			.build();
	}

	/** The token check before the open; a missed one runs once on return. */
	static Trigger tokenCheckTrigger(String cron) {
		return TriggerBuilder.newTrigger()
			.withIdentity(TokenCheck.NAME, TokenCheck.GROUP)
			.forJob(TokenCheck.NAME, TokenCheck.GROUP)
			.withSchedule(CronScheduleBuilder.cronSchedule(cron)
				.inTimeZone(TimeZone.getTimeZone(TradingCalendar.IST))
				.withMisfireHandlingInstructionFireAndProceed())
			.build();
	}

	static List<JobSpec> scheduled(List<JobSpec> specs) {
		return specs.stream().filter(spec -> spec.schedule().isPresent()).toList();
	}

	static List<JobDetail> jobDetails(List<JobSpec> scheduled) {
		return scheduled.stream()
			.map(spec -> JobBuilder.newJob(ScheduledLaunch.class)
				.withIdentity(spec.name(), GROUP)
				.usingJobData(ScheduledLaunch.JOB_NAME, spec.name())
				.storeDurably()
				.build())
			.toList();
	}

	static List<Trigger> triggers(List<JobSpec> scheduled, ScheduleProperties schedule) {
		return scheduled.stream().map(spec -> {
			JobSchedule defaults = spec.schedule().orElseThrow();
			String cron = schedule.cron(spec.name()).orElse(defaults.cron());
			CronScheduleBuilder builder = CronScheduleBuilder.cronSchedule(cron)
				.inTimeZone(TimeZone.getTimeZone(TradingCalendar.IST));
			builder = (defaults.misfire() == JobSchedule.Misfire.SKIP)
					? builder.withMisfireHandlingInstructionDoNothing()
					: builder.withMisfireHandlingInstructionFireAndProceed();
			return (Trigger) TriggerBuilder.newTrigger()
				.withIdentity(spec.name(), GROUP)
				.forJob(spec.name(), GROUP)
				.withSchedule(builder)
				.build();
		}).toList();
	}

}
