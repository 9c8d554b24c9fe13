package io.marketbatch.scheduling;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ApplicationEventPublisherAware;
import org.springframework.context.SmartLifecycle;

/**
 * Watches the broker token in the service: checks it before the session opens (the
 * {@link TokenCheck} trigger), looks every few seconds for a token set by another process
 * while it is rejected, and on renewal hands the runs that failed or were skipped for it
 * back to {@link ScheduledRuns}, on a thread of its own.
 */
public class TokenWatch implements SmartLifecycle, ApplicationEventPublisherAware {

	private static final Logger log = LoggerFactory.getLogger(TokenWatch.class);

	private final MarketDataSource broker;

	private final ScheduledRuns runs;

	private final CalendarRepository calendars;

	private final Clock clock;

	private final Duration poll;

	private volatile ScheduledExecutorService executor;

	private volatile boolean running;

	/** Tells the rest of the service (alerts) how the token check went. */
	private volatile ApplicationEventPublisher events = event -> {
	};

	public TokenWatch(MarketDataSource broker, ScheduledRuns runs, CalendarRepository calendars, Clock clock,
			Duration poll) {
		this.broker = broker;
		this.runs = runs;
		this.calendars = calendars;
		this.clock = clock;
		this.poll = poll;
		this.executor = newExecutor();
		if (broker instanceof RetryingMarketDataSource retrying) {
			retrying.onRenewal(() -> {
				events.publishEvent(new TokenWorks(broker.name()));
				executor.execute(runs::afterTokenRenewal);
			});
		}
	}

	private static ScheduledExecutorService newExecutor() {
		return Executors.newSingleThreadScheduledExecutor(task -> {
			Thread thread = new Thread(task, "token-watch");
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * On a trading day, one cheap authenticated call: a dead token is latched (health
	 * DOWN, runs skipped) before the open.
	 */
	public void checkBeforeOpen() {
		TradingCalendar calendar = calendars.load();
		LocalDate today = calendar.today(clock.instant());
		if (!calendar.isTradingDay(today)) {
			log.debug("no token check on {}: not a trading day", today);
			return;
		}
		try {
			broker.checkToken();
			log.info("the {} token works", broker.name());
			events.publishEvent(new TokenWorks(broker.name()));
		}
		catch (BrokerAuthException e) {
			// the latch has logged it once
			log.debug("token check: {}", e.getMessage());
			events.publishEvent(new TokenProblem(broker.name(),
					"the token was rejected before the open: " + e.getMessage(), "set a new one: token set "
							+ broker.name() + " <accessToken>, or PUT /api/brokers/" + broker.name() + "/token"));
		}
		catch (BrokerException e) {
			log.warn("the {} token could not be checked: {}", broker.name(), e.getMessage());
			events.publishEvent(
					new TokenProblem(broker.name(), "the token could not be checked before the open: " + e.getMessage(),
							"check the broker's status and the network; the next run will tell"));
		}
	}

	/** Looks for a newer stored token while the current one is rejected. */
	void lookForRenewal() {
		try {
			if (broker instanceof RetryingMarketDataSource retrying) {
				retrying.lookForRenewal();
			}
		}
		catch (RuntimeException e) {
			log.debug("token watch: {}", e.getMessage());
		}
	}

	@Override
	public void setApplicationEventPublisher(ApplicationEventPublisher events) {
		this.events = events;
	}

	@Override
	public synchronized void start() {
		if (executor.isShutdown()) {
			executor = newExecutor();
		}
		executor.scheduleWithFixedDelay(this::lookForRenewal, poll.toMillis(), poll.toMillis(), TimeUnit.MILLISECONDS);
		running = true;
	}

	@Override
	public synchronized void stop() {
		running = false;
		executor.shutdownNow();
	}

	@Override
	public boolean isRunning() {
		return running;
	}

}
