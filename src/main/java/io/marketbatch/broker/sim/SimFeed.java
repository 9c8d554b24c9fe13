package io.marketbatch.broker.sim;

import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.MarketFeed;
import io.marketbatch.market.ExchangeCalendars;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;
import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulated broker's streaming feed, in real time off the clock: for each minute an
 * instrument trades, four ticks whose prices are the simulator's own 1-minute candle
 * (open at :01, high at :15, low at :30, close at :45) and whose cumulative day volume
 * adds up the day's minute volumes; none in its no-trade minutes. So a candle folded from
 * these ticks equals the one {@link SimulatedBroker#minuteCandles} serves. On connect it
 * first sends each instrument's last trade (of the last 10 minutes), as real feeds do.
 * The token is checked at connect and once a minute (one counted request each): a
 * rejected token stops the feed for good.
 */
public class SimFeed implements MarketFeed {

	private static final Logger log = LoggerFactory.getLogger(SimFeed.class);

	/** Seconds into the minute of the open, high, low and close ticks. */
	private static final int[] AT = { 1, 15, 30, 45 };

	/** How far back the snapshot on connect looks for an instrument's last trade. */
	private static final Duration SNAPSHOT_LOOKBACK = Duration.ofMinutes(10);

	private static final AtomicInteger THREADS = new AtomicInteger();

	private final ExchangeCalendars calendars;

	private final Clock clock;

	private final SimFaults faults;

	private final SimTrading trading;

	private final long pollMillis;

	public SimFeed(ExchangeCalendars calendars, Clock clock, SimFaults faults, SimTrading trading) {
		this(calendars, clock, faults, trading, 200);
	}

	SimFeed(ExchangeCalendars calendars, Clock clock, SimFaults faults, SimTrading trading, long pollMillis) {
		this.calendars = calendars;
		this.clock = clock;
		this.faults = faults;
		this.trading = trading;
		this.pollMillis = pollMillis;
	}

	@Override
	public Subscription subscribe(List<Instrument> instruments, Listener listener) {
		Stream stream = new Stream(List.copyOf(instruments), listener);
		Thread thread = new Thread(stream, "sim-feed-" + THREADS.incrementAndGet());
		thread.setDaemon(true);
		thread.start();
		return stream;
	}

	/** The ticks of every instrument whose exchange time lies in (after, until]. */
	List<Tick> ticks(List<Instrument> instruments, Instant after, Instant until, Instant receivedAt) {
		return ticks(instruments, after, until, receivedAt, new HashMap<>());
	}

	/**
	 * As above; {@code volumes} keeps each instrument's day volume before the last minute
	 * asked for, so a stream adds one minute at a time.
	 */
	private List<Tick> ticks(List<Instrument> instruments, Instant after, Instant until, Instant receivedAt,
			Map<Long, long[]> volumes) {
		List<Tick> ticks = new ArrayList<>();
		Instant first = Instant.ofEpochSecond(Math.floorDiv(after.getEpochSecond(), 60) * 60);
		for (Instant minute = first; !minute.isAfter(until); minute = minute.plusSeconds(60)) {
			Instant m = minute;
			boolean anyTick = java.util.Arrays.stream(AT)
				.mapToObj(m::plusSeconds)
				.anyMatch(at -> at.isAfter(after) && !at.isAfter(until));
			if (!anyTick) {
				continue;
			}
			for (Instrument instrument : instruments) {
				// each instrument trades in its own exchange's hours
				TradingCalendar cal = calendars.of(instrument.exchange());
				Optional<Instant> open = sessionOpen(cal, minute);
				if (open.isEmpty()) {
					continue;
				}
				long seed = SimMarket.seedOf(instrument.symbol());
				if (trading.noTrade(instrument.symbol(), seed, minute)) {
					continue;
				}
				SimMarket.Bar bar = SimMarket.bar(seed, minute, minute.equals(open.get()));
				long before = volumeBefore(cal, instrument, seed, minute, volumes);
				long[] prices = { bar.open(), bar.high(), bar.low(), bar.close() };
				for (int i = 0; i < AT.length; i++) {
					Instant at = minute.plusSeconds(AT[i]);
					if (at.isAfter(after) && !at.isAfter(until)) {
						ticks.add(new Tick(instrument.id(), at, SimMarket.rupees(prices[i]),
								before + bar.volume() * (i + 1) / AT.length, receivedAt));
					}
				}
			}
		}
		return ticks;
	}

	/**
	 * The open of the session {@code minute} trades in, the same way the broker serves
	 * candles.
	 */
	private Optional<Instant> sessionOpen(TradingCalendar cal, Instant minute) {
		LocalDate day = minute.atZone(cal.zone()).toLocalDate();
		if (cal.isTradingDay(day) && !minute.isBefore(cal.sessionOpen(day)) && minute.isBefore(cal.sessionClose(day))) {
			return Optional.of(cal.sessionOpen(day));
		}
		return trading.extraSession(day)
			.filter(hours -> !minute.isBefore(hours[0]) && minute.isBefore(hours[1]) && !cal.isOpen(minute))
			.map(hours -> hours[0]);
	}

	/** The instrument's traded volume of its day before {@code minute}. */
	private long volumeBefore(TradingCalendar cal, Instrument instrument, long seed, Instant minute,
			Map<Long, long[]> volumes) {
		Instant start = minute.atZone(cal.zone()).toLocalDate().atStartOfDay(cal.zone()).toInstant();
		long volume = 0;
		long[] known = volumes.get(instrument.id());
		if (known != null && known[0] >= start.getEpochSecond() && known[0] <= minute.getEpochSecond()) {
			start = Instant.ofEpochSecond(known[0]);
			volume = known[1];
		}
		for (Instant t = start; t.isBefore(minute); t = t.plusSeconds(60)) {
			Optional<Instant> open = sessionOpen(cal, t);
			if (open.isPresent() && !trading.noTrade(instrument.symbol(), seed, t)) {
				volume += SimMarket.bar(seed, t, t.equals(open.get())).volume();
			}
		}
		volumes.put(instrument.id(), new long[] { minute.getEpochSecond(), volume });
		return volume;
	}

	/**
	 * One subscription: its own thread, which emits the ticks as the clock passes them.
	 */
	private final class Stream implements Runnable, Subscription {

		private final List<Instrument> instruments;

		private final Listener listener;

		private volatile boolean closed;

		private volatile boolean connected;

		private final Map<Long, long[]> volumes = new HashMap<>();

		Stream(List<Instrument> instruments, Listener listener) {
			this.instruments = instruments;
			this.listener = listener;
		}

		@Override
		public void run() {
			try {
				faults.checkToken("feed connect");
				Instant cursor = clock.instant();
				connected = true;
				listener.onConnected(0);
				// like a real feed's first message: each instrument's last trade
				Map<Long, Tick> last = new HashMap<>();
				ticks(instruments, cursor.minus(SNAPSHOT_LOOKBACK), cursor, cursor, new HashMap<>())
					.forEach(t -> last.put(t.instrumentId(), t));
				last.values().forEach(listener::onTick);
				long checkedMinute = cursor.getEpochSecond() / 60;
				while (!closed) {
					Instant now = clock.instant();
					if (now.getEpochSecond() / 60 != checkedMinute) {
						checkedMinute = now.getEpochSecond() / 60;
						faults.checkToken("feed keep-alive");
					}
					if (now.isAfter(cursor)) {
						for (Tick tick : ticks(instruments, cursor, now, now, volumes)) {
							listener.onTick(tick);
						}
						cursor = now;
					}
					Thread.sleep(pollMillis);
				}
			}
			catch (BrokerException e) {
				connected = false;
				if (!closed) {
					listener.onStopped(e);
				}
			}
			catch (InterruptedException e) {
				Thread.currentThread().interrupt();
			}
			catch (RuntimeException e) {
				log.error("simulated feed stopped: {}", e.toString(), e);
				connected = false;
				listener.onStopped(new BrokerException("simulated feed failed: " + e, e));
			}
			connected = false;
		}

		@Override
		public boolean connected() {
			return connected;
		}

		@Override
		public void close() {
			closed = true;
		}

	}

}
