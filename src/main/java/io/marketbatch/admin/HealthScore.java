package io.marketbatch.admin;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.Completeness;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * One number from 0 to 100 for "is the data being kept complete", with its five parts of
 * 20 points each: the scheduler runs, the broker takes the token, the share of recent
 * runs that did not fail, the share of instruments fresh during market hours, and the
 * completeness of the last closed day (default universe). In {@code /actuator/health} as
 * {@code healthScore}; its status stays UP (the other groups say what is DOWN),
 * recomputed at most once a minute since the endpoint is open.
 */
@Component("healthScore")
@ConditionalOnProperty(name = "marketbatch.service", havingValue = "true")
public class HealthScore implements HealthIndicator {

	/** Each part's weight: five parts make 100. */
	static final int PART = 20;

	/** The runs "recent runs" means. */
	static final int RECENT_RUNS = 50;

	static final Duration TTL = Duration.ofMinutes(1);

	private final ObjectProvider<Scheduler> scheduler;

	private final MarketDataSource broker;

	private final JdbcClient jdbc;

	private final DataQueries data;

	private final CalendarRepository calendars;

	private final Clock clock;

	private @Nullable Health cached;

	private long computedAt;

	public HealthScore(ObjectProvider<Scheduler> scheduler, MarketDataSource broker, JdbcClient jdbc, DataQueries data,
			CalendarRepository calendars, Clock clock) {
		this.scheduler = scheduler;
		this.broker = broker;
		this.jdbc = jdbc;
		this.data = data;
		this.calendars = calendars;
		this.clock = clock;
	}

	/** One part: its points out of {@link #PART} and why. */
	public record Part(long points, int of, String detail) {
	}

	@Override
	public synchronized Health health() {
		if (cached == null || System.nanoTime() - computedAt > TTL.toNanos()) {
			cached = compute();
			computedAt = System.nanoTime();
		}
		return cached;
	}

	Health compute() {
		Map<String, Part> parts = new LinkedHashMap<>();
		parts.put("scheduler", scheduler());
		parts.put("broker", broker());
		parts.put("recentRuns", recentRuns());
		parts.put("freshness", freshness());
		parts.put("lastClosedDay", lastClosedDay());
		long score = parts.values().stream().mapToLong(Part::points).sum();
		return Health.up().withDetail("score", score).withDetail("parts", parts).build();
	}

	private Part scheduler() {
		Scheduler quartz = scheduler.getIfAvailable();
		if (quartz == null) {
			return new Part(0, PART, "no scheduler in this process");
		}
		try {
			boolean running = quartz.isStarted() && !quartz.isInStandbyMode() && !quartz.isShutdown();
			return new Part(running ? PART : 0, PART, running ? "running" : "not running (standby or shut down)");
		}
		catch (SchedulerException e) {
			return new Part(0, PART, "cannot ask the scheduler: " + e.getMessage());
		}
	}

	private Part broker() {
		if (broker instanceof RetryingMarketDataSource retrying && retrying.tokenRejection().isPresent()) {
			return new Part(0, PART,
					broker.name() + " rejected the token: " + retrying.tokenRejection().get().reason());
		}
		return new Part(PART, PART, broker.name() + " takes the token");
	}

	private Part recentRuns() {
		List<String> statuses = jdbc
			.sql("SELECT STATUS FROM BATCH_JOB_EXECUTION WHERE END_TIME IS NOT NULL ORDER BY JOB_EXECUTION_ID DESC "
					+ "FETCH FIRST " + RECENT_RUNS + " ROWS ONLY")
			.query(String.class)
			.list();
		if (statuses.isEmpty()) {
			return new Part(PART, PART, "no finished runs yet");
		}
		long failed = statuses.stream().filter("FAILED"::equals).count();
		return new Part(Math.round(PART * (1 - (double) failed / statuses.size())), PART,
				failed + " of the last " + statuses.size() + " runs failed");
	}

	private Part freshness() {
		DataQueries.FreshnessReport report = data.freshness(data.instruments(null, null));
		if (!report.marketOpen()) {
			return new Part(PART, PART, "market closed: freshness not expected");
		}
		int n = report.instruments().size();
		if (n == 0) {
			return new Part(PART, PART, "no instruments in the default universe");
		}
		return new Part(Math.round(PART * (1 - (double) report.stale() / n)), PART,
				report.stale() + " of " + n + " instruments stale");
	}

	private Part lastClosedDay() {
		LocalDate day = calendars.load().lastCompletedTradingDay(clock.instant());
		Completeness.DayReport report = data.completeness(day, data.instruments(null, null));
		if (report.instruments().isEmpty()) {
			return new Part(PART, PART, day + ": no instruments in the default universe");
		}
		double mean = report.instruments()
			.stream()
			.map(Completeness.InstrumentDay::percent)
			.mapToDouble(BigDecimal::doubleValue)
			.average()
			.orElse(100);
		return new Part(Math.round(PART * mean / 100), PART,
				day + ": " + BigDecimal.valueOf(mean).setScale(1, java.math.RoundingMode.HALF_UP) + "% complete");
	}

}
