package io.marketbatch.admin;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.broker.TokenRejection;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.store.Completeness;

import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.jspecify.annotations.Nullable;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health of what keeps the data complete (the broker token, the scheduler, data freshness
 * during market hours; the database is Boot's own) and gauges of the data itself (open
 * gaps today, age of the newest LTP), for /actuator/health and /actuator/prometheus in
 * the service.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "marketbatch.service", havingValue = "true")
public class HealthAndMetrics {

	private static final Logger log = LoggerFactory.getLogger(HealthAndMetrics.class);

	/**
	 * Reported by the freshness group when data lags during market hours; the overall
	 * health stays UP.
	 */
	public static final Status STALE = new Status("STALE", "data lags during market hours");

	/**
	 * DOWN from the broker's first token rejection until a new token is set: which
	 * broker, when, why, and how to renew it.
	 */
	@Bean
	HealthIndicator brokerTokenHealthIndicator(MarketDataSource broker) {
		return () -> {
			Optional<TokenRejection> rejection = (broker instanceof RetryingMarketDataSource r) ? r.tokenRejection()
					: Optional.empty();
			return rejection
				.map(r -> Health.down()
					.withDetail("broker", r.broker())
					.withDetail("rejectedAt", String.valueOf(ExchangeTime.of(r.at())))
					.withDetail("token", r.reason())
					.withDetail("renew", r.renewal())
					.build())
				.orElseGet(() -> Health.up().withDetail("broker", broker.name()).build());
		};
	}

	@Bean
	HealthIndicator quartzHealthIndicator(ObjectProvider<Scheduler> scheduler) {
		return () -> {
			Scheduler quartz = scheduler.getIfAvailable();
			if (quartz == null) {
				return Health.unknown().withDetail("scheduler", "none in this process").build();
			}
			try {
				boolean running = quartz.isStarted() && !quartz.isInStandbyMode() && !quartz.isShutdown();
				Health.Builder health = running ? Health.up() : Health.down();
				return health.withDetail("name", quartz.getSchedulerName())
					.withDetail("instanceId", quartz.getSchedulerInstanceId())
					.withDetail("clustered", quartz.getMetaData().isJobStoreClustered())
					.build();
			}
			catch (SchedulerException e) {
				return Health.down(e).build();
			}
		};
	}

	/**
	 * Freshness of the default universe, recomputed at most once a minute: the health
	 * endpoint is open to anyone, and each computation scans the newest rows of every
	 * instrument.
	 */
	@Bean
	Supplier<DataQueries.FreshnessReport> freshnessReport(DataQueries data) {
		return cached(() -> data.freshness(data.instruments(null, null)), Duration.ofMinutes(1));
	}

	@Bean
	HealthIndicator dataFreshnessHealthIndicator(Supplier<DataQueries.FreshnessReport> freshnessReport) {
		return () -> {
			DataQueries.FreshnessReport report = freshnessReport.get();
			Health.Builder health = report.stale() > 0 ? Health.status(STALE) : Health.up();
			return health.withDetail("marketOpen", report.marketOpen())
				.withDetail("instruments", report.instruments().size())
				.withDetail("stale", report.stale())
				.build();
		};
	}

	/** Data gauges, recomputed at most once a minute however often Prometheus scrapes. */
	@Bean
	Object dataGauges(MeterRegistry registry, DataQueries data, Supplier<DataQueries.FreshnessReport> fresh,
			java.time.Clock clock, MarketBatchProperties properties) {
		Supplier<Completeness.DayReport> today = cached(
				() -> data.completeness(LocalDate.now(clock.withZone(io.marketbatch.market.TradingCalendar.IST)),
						data.instruments(null, null)),
				Duration.ofMinutes(1));
		Gauge.builder("marketbatch.data.missing.minutes",
				() -> today.get().instruments().stream().mapToLong(Completeness.InstrumentDay::missingMinutes).sum())
			.description("settled 1-minute candles missing today in the default universe (not no-trade, not future)")
			.tag("universe", properties.universe())
			.register(registry);
		Gauge
			.builder("marketbatch.data.ltp.age.seconds",
					() -> fresh.get()
						.instruments()
						.stream()
						.map(DataQueries.Freshness::ltpAgeSeconds)
						.filter(java.util.Objects::nonNull)
						.mapToLong(Long::longValue)
						.max()
						.orElse(-1))
			.description("age of the oldest newest-LTP across the default universe (-1: none yet)")
			.tag("universe", properties.universe())
			.register(registry);
		return List.of(today, fresh);
	}

	/**
	 * {@code compute}'s value, recomputed when older than {@code ttl}: the first call
	 * computes it, later ones get the value in hand at once while one background thread
	 * recomputes an expired one, so no health call or scrape waits on the scan.
	 */
	private static <T> Supplier<T> cached(Supplier<T> compute, Duration ttl) {
		return new Supplier<>() {
			private volatile @Nullable T value;

			private volatile long computedAt;

			private final AtomicBoolean refreshing = new AtomicBoolean();

			@Override
			public T get() {
				T current = value;
				if (current == null) {
					synchronized (this) {
						if (value == null) {
							value = compute.get();
							computedAt = System.nanoTime();
						}
						return value;
					}
				}
				if (System.nanoTime() - computedAt > ttl.toNanos() && refreshing.compareAndSet(false, true)) {
					Thread refresh = new Thread(() -> {
						try {
							value = compute.get();
							computedAt = System.nanoTime();
						}
						catch (RuntimeException e) {
							log.warn("data health not recomputed: {}", e.getMessage());
						}
						finally {
							refreshing.set(false);
						}
					}, "data-health-refresh");
					refresh.setDaemon(true);
					refresh.start();
				}
				return current;
			}
		};
	}

}
