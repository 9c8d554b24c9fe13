package io.marketbatch.jobs;

import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.MarketFeed;
import io.marketbatch.market.ClosedMinute;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;
import io.marketbatch.market.TickFolder;
import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemStreamSupport;

/**
 * Subscribes the instruments on the broker's feed and reads one finished minute at a
 * time, as the clock passes its end plus a grace ({@link TickFolder}); the step commits
 * each as a chunk with its checkpoint, the last finished minute. A restart resumes with
 * the minute then running: the minutes in between stay missing for the gap fill. The
 * feed's thread only queues what it reports, so it never waits on the database. Ends at
 * the session's close (null), when the step is asked to stop (it stops between minutes),
 * and at once when the broker has no feed; a feed that stops for good fails the step with
 * its cause (a rejected token: the run stops until the token is renewed).
 */
public class LiveCaptureReader extends ItemStreamSupport implements ItemStreamReader<ClosedMinute> {

	private static final Logger log = LoggerFactory.getLogger(LiveCaptureReader.class);

	static final String NO_FEED = "live.noFeed";

	private static final String LAST_MINUTE = "last.minute";

	/** How long after a minute ends its late ticks are still taken. */
	static final Duration GRACE = Duration.ofSeconds(2);

	private static final long WAIT_MILLIS = 250;

	private final Supplier<List<Instrument>> instruments;

	private final MarketDataSource broker;

	private final Supplier<TradingCalendar> calendar;

	private final LocalDate day;

	private final Clock clock;

	private final LiveEvents events;

	private final @Nullable StepExecution stepExecution;

	/** What the feed's thread reported, for the step's thread to fold. */
	private final BlockingQueue<Object> inbox = new LinkedBlockingQueue<>();

	private @Nullable TickFolder folder;

	private MarketFeed.@Nullable Subscription subscription;

	private Map<Long, String> symbols = Map.of();

	private @Nullable Instant sessionClose;

	private @Nullable Instant lastMinute;

	public LiveCaptureReader(Supplier<List<Instrument>> instruments, MarketDataSource broker,
			Supplier<TradingCalendar> calendar, LocalDate day, Clock clock, LiveEvents events,
			@Nullable StepExecution stepExecution) {
		setName("liveCapture.minutes");
		this.instruments = instruments;
		this.broker = broker;
		this.calendar = calendar;
		this.day = day;
		this.clock = clock;
		this.events = events;
		this.stepExecution = stepExecution;
	}

	private record Connected(Instant at) {
	}

	private record Disconnected(Instant at, String reason) {
	}

	private record Stopped(BrokerException cause) {
	}

	@Override
	public void open(ExecutionContext context) {
		String key = getExecutionContextKey(LAST_MINUTE);
		lastMinute = context.containsKey(key) ? Instant.ofEpochSecond(context.getLong(key)) : null;
		TradingCalendar cal = calendar.get();
		if (!cal.isTradingDay(day)) {
			return;
		}
		Optional<MarketFeed> feed = broker.marketFeed();
		if (feed.isEmpty()) {
			String message = "no streaming feed for broker " + broker.name() + "; gapFill polls";
			log.info("liveCapture {}: {}", day, message);
			if (stepExecution != null) {
				stepExecution.getJobExecution().getExecutionContext().putString(NO_FEED, message);
			}
			return;
		}
		Instant open = cal.sessionOpen(day);
		sessionClose = cal.sessionClose(day);
		Instant now = clock.instant();
		Instant from = lastMinute == null ? open : lastMinute.plusSeconds(60);
		// minutes lost while no capture ran are not reported: they stay missing
		Instant running = Instant.ofEpochSecond(Math.floorDiv(now.getEpochSecond(), 60) * 60);
		if (from.isBefore(running)) {
			from = running;
		}
		if (!from.isBefore(sessionClose)) {
			return;
		}
		List<Instrument> list = instruments.get();
		symbols = list.stream().collect(Collectors.toMap(Instrument::id, Instrument::symbol, (a, b) -> a));
		folder = new TickFolder(symbols.keySet(), from, open, GRACE);
		log.info("liveCapture {}: subscribing {} instruments on the {} feed, from {}", day, list.size(), broker.name(),
				from.atZone(cal.zone()).toLocalTime());
		subscription = feed.get().subscribe(list, new MarketFeed.Listener() {
			@Override
			public void onTick(Tick tick) {
				inbox.add(tick);
			}

			@Override
			public void onConnected(int attempt) {
				inbox.add(new Connected(clock.instant()));
			}

			@Override
			public void onDisconnected(String reason) {
				inbox.add(new Disconnected(clock.instant(), reason));
			}

			@Override
			public void onStopped(BrokerException cause) {
				inbox.add(new Stopped(cause));
			}
		});
	}

	@Override
	public @Nullable ClosedMinute read() throws InterruptedException {
		TickFolder f = folder;
		if (f == null || sessionClose == null) {
			return null;
		}
		while (f.nextMinute().isBefore(sessionClose)) {
			drain(f);
			Optional<ClosedMinute> closed = f.closeDue(clock.instant());
			if (closed.isPresent()) {
				lastMinute = closed.get().minute();
				return closed.get();
			}
			if (stepExecution != null && stepExecution.isTerminateOnly()) {
				// the step stops (STOPPED, restartable) between minutes
				return null;
			}
			long wait = Math.min(WAIT_MILLIS, Math.max(1, Duration.between(clock.instant(), f.nextClose()).toMillis()));
			Object event = inbox.poll(wait, TimeUnit.MILLISECONDS);
			if (event != null) {
				handle(f, event);
			}
		}
		return null;
	}

	private void drain(TickFolder f) {
		for (Object event = inbox.poll(); event != null; event = inbox.poll()) {
			handle(f, event);
		}
	}

	private void handle(TickFolder f, Object event) {
		if (event instanceof Tick tick) {
			if (f.accept(tick)) {
				events.publish(LiveEvents.Event.tick(symbols.getOrDefault(tick.instrumentId(), "?"),
						tick.exchangeTime(), tick.price(), tick.dayVolume()));
			}
			else if (f.lateTicks() > 0 && f.lateTicks() % 100 == 1) {
				log.info("liveCapture {}: late tick dropped (its minute had closed): {} so far", day, f.lateTicks());
			}
		}
		else if (event instanceof Connected c) {
			f.connected(c.at());
		}
		else if (event instanceof Disconnected d) {
			log.warn("liveCapture {}: feed disconnected ({}); its minutes are left to gapFill", day, d.reason());
			f.disconnected(d.at());
		}
		else if (event instanceof Stopped s) {
			throw s.cause();
		}
	}

	/** The symbols of the subscribed instruments, by id. */
	Map<Long, String> symbols() {
		return symbols;
	}

	@Override
	public void update(ExecutionContext context) {
		if (lastMinute != null) {
			context.putLong(getExecutionContextKey(LAST_MINUTE), lastMinute.getEpochSecond());
		}
	}

	@Override
	public void close() {
		MarketFeed.Subscription s = subscription;
		subscription = null;
		folder = null;
		if (s != null) {
			s.close();
		}
		inbox.clear();
	}

}
