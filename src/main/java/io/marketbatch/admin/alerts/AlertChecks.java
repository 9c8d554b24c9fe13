package io.marketbatch.admin.alerts;

import io.marketbatch.admin.DataQueries;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.Completeness;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.SmartLifecycle;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What no single run tells, evaluated every {@code marketbatch.alerts.check-every}: data
 * stale during market hours, the last closed day's completeness below the threshold once
 * its dailyBackfill has completed (before that the day has no verdict yet), any health
 * component DOWN, STALE or WARN (a calendar mismatch included) with its details, and a
 * failed job that completed since without the schedule (a restart from the console or the
 * command line), which resolves its alert.
 */
public class AlertChecks implements SmartLifecycle {

	private static final Logger log = LoggerFactory.getLogger(AlertChecks.class);

	private static final Set<String> UNHEALTHY = Set.of(Status.DOWN.getCode(), Status.OUT_OF_SERVICE.getCode(), "STALE",
			"WARN");

	private final Alerts alerts;

	private final OpenAlerts open;

	private final DataQueries data;

	private final CalendarRepository calendars;

	private final JdbcClient jdbc;

	private final @Nullable HealthContributors health;

	private final AlertProperties properties;

	private final String universe;

	private final Clock clock;

	private final BooleanSupplier busy;

	private volatile @Nullable ScheduledExecutorService executor;

	private volatile @Nullable String lastFailure;

	public AlertChecks(Alerts alerts, OpenAlerts open, DataQueries data, CalendarRepository calendars, JdbcClient jdbc,
			@Nullable HealthContributors health, AlertProperties properties, String universe, Clock clock,
			BooleanSupplier busy) {
		this.alerts = alerts;
		this.open = open;
		this.data = data;
		this.calendars = calendars;
		this.jdbc = jdbc;
		this.health = health;
		this.properties = properties;
		this.universe = universe;
		this.clock = clock;
		this.busy = busy;
	}

	/** Every check once, each on its own: one that fails leaves the others. */
	public void checkNow() {
		for (Runnable check : List.<Runnable>of(this::freshness, this::completeness, this::health,
				this::jobsRecovered)) {
			try {
				check.run();
			}
			catch (RuntimeException e) {
				// once per distinct failure: a database without its universe yet fails
				// every time
				if (!String.valueOf(e.getMessage()).equals(lastFailure)) {
					log.warn("alert check failed: {}", e.getMessage());
				}
				lastFailure = String.valueOf(e.getMessage());
			}
		}
	}

	void freshness() {
		DataQueries.FreshnessReport report = data.freshness(data.instruments(null, null));
		if (!report.marketOpen()) {
			// stale is only judged in market hours; an open alert waits for the next
			// session
			return;
		}
		if (report.stale() == 0) {
			alerts.resolve("universe", universe, "data stale", null, "every instrument's data is fresh again",
					"/health");
			return;
		}
		String examples = report.instruments()
			.stream()
			.filter(DataQueries.Freshness::stale)
			.limit(10)
			.map(f -> f.symbol() + " (LTP " + age(f.ltpAgeSeconds()) + ", 1m candle " + age(f.candleAgeSeconds()) + ")")
			.collect(Collectors.joining(", "));
		alerts.raise("universe", universe, "data stale", null,
				report.stale() + " of " + report.instruments().size() + " instruments stale during market hours: "
						+ examples + (report.stale() > 10 ? ", …" : ""),
				"check the broker (health) and the ltpSnapshot and gapFill runs (jobs); gapFill recovers the "
						+ "missing minutes once the broker answers",
				"/health");
	}

	void completeness() {
		if (busy.getAsBoolean()) {
			// a backfill in progress (a first start's history included) is not a verdict
			return;
		}
		TradingCalendar calendar = calendars.load();
		LocalDate today = calendar.today(clock.instant());
		// the newest trading day before today: its dailyBackfill has had its chance
		LocalDate day = calendar.lastCompletedTradingDay(today.atStartOfDay(calendar.zone()).toInstant());
		if (!dailyBackfillCompleted(day)) {
			// not run yet, running, or failed (which has its own alert): no verdict on
			// the day
			return;
		}
		List<Instrument> instruments = data.instruments(null, null);
		Completeness.DayReport report = data.completeness(day, instruments);
		long expected = report.instruments().stream().mapToLong(Completeness.InstrumentDay::expectedMinutes).sum();
		long present = report.instruments().stream().mapToLong(Completeness.InstrumentDay::presentMinutes).sum();
		String path = "/completeness?date=" + day + "&universe=" + universe;
		double percent = (expected == 0) ? 100 : 100.0 * present / expected;
		if (percent >= properties.completenessThreshold()) {
			alerts.resolve("universe", universe, "incomplete day", null, day + " is " + percent(percent) + " complete",
					path);
			return;
		}
		List<Completeness.InstrumentDay> incomplete = report.instruments()
			.stream()
			.filter(i -> i.presentMinutes() < i.expectedMinutes())
			.sorted(Comparator.comparing(Completeness.InstrumentDay::percent))
			.toList();
		String examples = incomplete.stream()
			.limit(10)
			.map(i -> i.symbol() + " " + i.percent().stripTrailingZeros().toPlainString() + "%")
			.collect(Collectors.joining(", "));
		alerts.raise("universe", universe, "incomplete day", null,
				day + ": " + percent(percent) + " of the expected 1-minute candles are stored (threshold "
						+ BigDecimal.valueOf(properties.completenessThreshold()).stripTrailingZeros().toPlainString()
						+ "%); " + incomplete.size() + " of " + instruments.size() + " instruments incomplete: "
						+ examples + (incomplete.size() > 10 ? ", …" : ""),
				"run historyBackfill from=" + day + " to=" + day + " universe=" + universe
						+ " (it asks the broker only for the missing minutes)",
				path);
	}

	private boolean dailyBackfillCompleted(LocalDate day) {
		return jdbc.sql(
				"SELECT COUNT(*) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID "
						+ "JOIN BATCH_JOB_EXECUTION_PARAMS p ON p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID "
						+ "WHERE i.JOB_NAME = 'dailyBackfill' AND e.STATUS = 'COMPLETED' "
						+ "AND p.PARAMETER_NAME = 'businessDate' AND p.PARAMETER_VALUE = ?")
			.param(day.toString())
			.query(Long.class)
			.single() > 0;
	}

	void health() {
		if (health != null) {
			health.stream().forEach(entry -> visit(entry.name(), entry.contributor()));
		}
	}

	private void visit(String name, HealthContributor contributor) {
		if (properties.healthIgnored().contains(name)) {
			return;
		}
		if (contributor instanceof HealthIndicator indicator) {
			evaluate(name, indicator.health(true));
		}
		else if (contributor instanceof CompositeHealthContributor composite) {
			composite.stream().forEach(entry -> visit(name + "/" + entry.name(), entry.contributor()));
		}
	}

	private void evaluate(String name, Health health) {
		String status = health.getStatus().getCode();
		if (UNHEALTHY.contains(status)) {
			Map<String, Object> details = health.getDetails();
			String fix = Optional.ofNullable(details.get("renew"))
				.or(() -> Optional.ofNullable(details.get("fix")))
				.map(String::valueOf)
				.orElse("see the health view: its details say what is wrong");
			alerts.raise("health", name, "unhealthy", null,
					name + " is " + status
							+ (details.isEmpty() ? ""
									: ": " + details.entrySet()
										.stream()
										.map(e -> e.getKey() + " " + e.getValue())
										.collect(Collectors.joining("; "))),
					fix, "/health");
		}
		else if (Status.UP.getCode().equals(status)) {
			alerts.resolve("health", name, "unhealthy", null, name + " is UP again", "/health");
		}
	}

	/** A failed job completed since its alert without the schedule: resolved. */
	void jobsRecovered() {
		for (OpenAlerts.Open alert : open.about("job")) {
			String job = alert.subject().substring("job ".length());
			long since = (alert.executionId() == null) ? 0 : alert.executionId();
			Long completed = jdbc
				.sql("SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e JOIN BATCH_JOB_INSTANCE i "
						+ "ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED' "
						+ "AND e.JOB_EXECUTION_ID > ?")
				.params(job, since)
				.query(Long.class)
				.optional()
				.orElse(null);
			if (completed != null) {
				alerts.resolve("job", job, alert.cause(), completed, job + " execution " + completed + " COMPLETED",
						"/executions/" + completed);
			}
		}
	}

	private static String age(@Nullable Long seconds) {
		return (seconds == null) ? "none yet" : (seconds / 60) + " min old";
	}

	private static String percent(double percent) {
		return BigDecimal.valueOf(percent).setScale(1, java.math.RoundingMode.DOWN).toPlainString() + "%";
	}

	@Override
	public synchronized void start() {
		long every = properties.checkEvery().toMillis();
		if (every <= 0 || !alerts.hasChannels()) {
			return;
		}
		ScheduledExecutorService checks = Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "alert-checks");
			thread.setDaemon(true);
			return thread;
		});
		checks.scheduleWithFixedDelay(this::checkNow, every, every, TimeUnit.MILLISECONDS);
		executor = checks;
	}

	/** Before anything shuts down: a component going away is no alert. */
	@EventListener(ContextClosedEvent.class)
	public void closing() {
		stop();
	}

	@Override
	public synchronized void stop() {
		ScheduledExecutorService checks = executor;
		if (checks != null) {
			checks.shutdownNow();
		}
		executor = null;
	}

	@Override
	public boolean isRunning() {
		return executor != null;
	}

}
