package io.marketbatch.scheduling;

import io.marketbatch.config.JdbcUrls;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.Partitions;

import java.time.Clock;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TimeZone;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service's start and end. At start it says where the admin endpoint and the database
 * are, and on an empty database (catch-up enabled) builds the history a new user expects:
 * instrument sync, the two-month backfill, then each day's bars. At SIGTERM it stops
 * running executions at a chunk boundary (STOPPED, restartable) before the scheduler and
 * the database go away.
 */
public class ServiceLifecycle {

	private static final Logger log = LoggerFactory.getLogger(ServiceLifecycle.class);

	private final ExecutionControl control;

	private final OrphanRecovery orphans;

	private final ScheduledRuns runs;

	private final Clock clock;

	private final CalendarRepository calendars;

	private final JdbcClient jdbc;

	private final MarketBatchProperties properties;

	private final ScheduleProperties schedule;

	private final CatchUpProperties catchUp;

	private final Environment environment;

	private volatile boolean closing;

	public ServiceLifecycle(ExecutionControl control, OrphanRecovery orphans, ScheduledRuns runs,
			CalendarRepository calendars, JdbcClient jdbc, Clock clock, MarketBatchProperties properties,
			ScheduleProperties schedule, CatchUpProperties catchUp, Environment environment) {
		this.control = control;
		this.orphans = orphans;
		this.runs = runs;
		this.clock = clock;
		this.calendars = calendars;
		this.jdbc = jdbc;
		this.properties = properties;
		this.schedule = schedule;
		this.catchUp = catchUp;
		this.environment = environment;
	}

	@EventListener(ApplicationReadyEvent.class)
	public void started() {
		String address = environment.getProperty("server.address", "127.0.0.1");
		String port = environment.getProperty("local.server.port", environment.getProperty("server.port", "8080"));
		log.info(
				"market-batch service is up: admin http://{}:{}/actuator/health, database {}, broker {}, universe {}, "
						+ "schedule {}",
				address, port, JdbcUrls.withoutCredentials(environment.getProperty("spring.datasource.url", "?")),
				properties.broker(), properties.universe(), schedule.enabled() ? "on (Asia/Kolkata)" : "off");
		new Partitions(jdbc, clock).createAheadOrWarn();
		// a service started during a session (or just before it) captures it at once
		missedFire(JobNames.LIVE_CAPTURE);
		Thread thread = new Thread(this::catchUp, "catch-up");
		thread.setDaemon(true);
		thread.start();
	}

	/**
	 * One job at a time, oldest first: resume executions a dead process left STARTED,
	 * then build the history on a first start, or run the recent days' missing daily
	 * jobs.
	 */
	void catchUp() {
		recoverOrphans();
		if (!catchUp.enabled()) {
			return;
		}
		if (isFirstStart()) {
			firstRun();
		}
		else {
			missedFire(JobNames.INSTRUMENT_SYNC);
			missedDays(catchUp.days());
			missedFire(JobNames.HISTORY_BACKFILL);
		}
	}

	/**
	 * The latest fire of a daily or weekly trigger (within a week): launched unless its
	 * instance exists (the trigger's own misfire, which derives the same business key,
	 * may have run it already; COMPLETED is a no-op).
	 */
	void missedFire(String job) {
		if (closing || !schedule.enabled()) {
			return;
		}
		runs.spec(job)
			.schedule()
			.flatMap(defaults -> FireTimes.latest(schedule.cron(job).orElse(defaults.cron()),
					TimeZone.getTimeZone(TradingCalendar.IST), clock.instant()))
			.ifPresent(fireTime -> runs.fire(job, fireTime));
	}

	/**
	 * Executions left STARTED by a process that died (kill -9, power loss): recover and
	 * resume them; one that can no longer be resumed (a snapshot of a past minute) is
	 * recovered to FAILED and marked missed.
	 */
	void recoverOrphans() {
		orphans.recoverAndResume(() -> closing);
	}

	/**
	 * The last {@code days} completed trading days whose dailyBackfill or eodAggregation
	 * is not COMPLETED.
	 */
	void missedDays(int days) {
		TradingCalendar calendar = calendars.load();
		java.util.Deque<LocalDate> recent = new java.util.ArrayDeque<>();
		LocalDate day = calendar.lastCompletedTradingDay(clock.instant());
		while (recent.size() < days) {
			recent.addFirst(day);
			day = calendar.lastCompletedTradingDay(calendar.sessionOpen(day));
		}
		for (LocalDate missed : recent) {
			if (closing) {
				return;
			}
			// launching meets the existing instance: COMPLETED days are skipped without a
			// broker call
			DailyClose.run(missed, runs);
		}
	}

	boolean isFirstStart() {
		long backfills = jdbc.sql("SELECT COUNT(*) FROM BATCH_JOB_INSTANCE WHERE JOB_NAME = ?")
			.param(JobNames.HISTORY_BACKFILL)
			.query(Long.class)
			.single();
		long candles = jdbc.sql("SELECT COUNT(*) FROM candle").query(Long.class).single();
		return backfills == 0 && candles == 0;
	}

	/**
	 * Instruments, then two months of 1-minute candles; the backfill's last step builds
	 * every day's bars from them.
	 */
	void firstRun() {
		log.info("empty database: syncing instruments, then backfilling the last two months with their bars");
		if (!launch(JobNames.INSTRUMENT_SYNC, Map.of())) {
			return;
		}
		Optional<JobExecution> backfill = launchExecution(JobNames.HISTORY_BACKFILL, Map.of())
			.filter(e -> e.getStatus() == BatchStatus.COMPLETED);
		backfill.map(JobExecution::getJobParameters)
			.ifPresent(params -> log.info("first run complete: history from {} to {} is in the database",
					params.getLocalDate(JobRequests.FROM), params.getLocalDate(JobRequests.TO)));
	}

	private boolean launch(String job, Map<String, String> raw) {
		return launchExecution(job, raw).filter(e -> e.getStatus() == BatchStatus.COMPLETED).isPresent();
	}

	private Optional<JobExecution> launchExecution(String job, Map<String, String> raw) {
		return closing ? Optional.empty() : runs.launch(job, raw);
	}

	@EventListener(ContextClosedEvent.class)
	public void closing() {
		closing = true;
		if (control.stopRunning().isEmpty()) {
			return;
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(25);
		while (control.isRunningAny() && System.nanoTime() < deadline) {
			try {
				Thread.sleep(100);
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
				return;
			}
		}
		log.info("running executions stopped at a chunk boundary; restart them to resume");
	}

}
