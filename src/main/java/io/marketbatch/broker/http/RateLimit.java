package io.marketbatch.broker.http;

import io.marketbatch.broker.BrokerUnavailableException;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Metrics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One broker account's request limits (e.g. Upstox 50/s, 500/min, 2000/30 min): a request
 * waits until, for every window "N per W", the N-th latest of the account's requests was
 * answered at least W (plus a small guard) ago ({@link SlidingWindows}). No window of the
 * published length then sees more than N requests at the broker, however late a request
 * left or was read there, and a backfill runs at the limit less the guard and the time to
 * an answer, bursts included. The account's recent requests are kept in this process, or
 * in the database every process shares ({@link RequestBudgets}). A 429 from the broker is
 * a breach: the account pauses, and a broker that punishes repeated breaches (Fyers) is
 * not breached again that day. Callers block until allowed.
 */
public final class RateLimit {

	private static final Logger log = LoggerFactory.getLogger(RateLimit.class);

	/**
	 * The least gap kept beyond a window. Request times are answers' times, an upper
	 * bound of the broker's arrival times, so no jitter needs covering: this covers the
	 * database's clock against the broker's rate of time.
	 */
	static final Duration MIN_GUARD = Duration.ofMillis(10);

	/**
	 * A request admitted by {@link #acquire} reaches the broker within this long (the
	 * jitter of the thread and the network), as far as its budget knows.
	 */
	static final Duration LEAVES_WITHIN = Duration.ofMillis(40);

	/**
	 * One admitted request. Tell it when the answer has come ({@link #answered}): until
	 * then a request admitted in flight ({@link #acquireInFlight}) holds its place in
	 * every window, as the broker may see it at any time.
	 */
	public static final class Ticket {

		private final Ledger ledger;

		private final long number;

		private volatile boolean answered;

		Ticket(Ledger ledger, long number) {
			this.ledger = ledger;
			this.number = number;
		}

		/**
		 * The answer (or the failure) has just come: the broker saw the request by now,
		 * if at all.
		 */
		public void answered() {
			if (!answered) {
				answered = true;
				ledger.answered(number);
			}
		}

	}

	/** At most {@code requests} in any {@code window}. */
	public record Window(int requests, Duration window) {

		public Window {
			if (requests < 1 || window.isNegative() || window.isZero()) {
				throw new IllegalArgumentException(
						"a rate limit needs N >= 1 requests per positive window, got " + requests + " per " + window);
			}
		}

		/** Kept beyond the window: 1% of it, at least 10 ms. */
		public Duration guard() {
			Duration share = window.dividedBy(100);
			return share.compareTo(MIN_GUARD) > 0 ? share : MIN_GUARD;
		}

		long spanMicros() {
			return window.plus(guard()).toNanos() / 1000;
		}

		@Override
		public String toString() {
			return requests + "/" + per(window);
		}

		private static String per(Duration window) {
			if (window.equals(Duration.ofSeconds(1))) {
				return "s";
			}
			if (window.equals(Duration.ofMinutes(1))) {
				return "min";
			}
			if (window.equals(Duration.ofDays(1))) {
				return "day";
			}
			return window.toSeconds() % 60 == 0 ? window.toMinutes() + " min" : window.toMillis() + " ms";
		}

	}

	/**
	 * What follows a 429 (the broker says the account is over its limit): no request for
	 * {@code pause}; and, when {@code breachesPerDay} is positive, none for the rest of
	 * the day (IST) once the account has had that many, because the next one costs more
	 * (Fyers blocks the account for the day at the third per-minute breach).
	 */
	public record Penalty(Duration pause, int breachesPerDay) {

		static final ZoneId DAY_ZONE = ZoneId.of("Asia/Kolkata");

		/** Pause after a 429, no daily cap. */
		public static Penalty pause(Duration pause) {
			return new Penalty(pause, 0);
		}

		void requireAllowed(String budget, @Nullable LocalDate breachDay, int breaches, LocalDate today) {
			if (breachesPerDay > 0 && today.equals(breachDay) && breaches >= breachesPerDay) {
				throw blocked(budget);
			}
		}

		BrokerUnavailableException blocked(String budget) {
			return new BrokerUnavailableException(budget + ": the broker refused " + breachesPerDay
					+ " requests for the rate limit (HTTP 429) today; one more breach blocks the account for the day, "
					+ "so no request is sent before 00:00 IST");
		}

	}

	private final String name;

	private final List<Window> windows;

	private final Penalty penalty;

	private final Ledger ledger;

	private final AtomicLong waitedNanos = new AtomicLong();

	private final AtomicLong acquired = new AtomicLong();

	private final AtomicLong breaches = new AtomicLong();

	RateLimit(String name, List<Window> windows, @Nullable Penalty penalty, Ledger ledger) {
		if (windows.isEmpty()) {
			throw new IllegalArgumentException(name + ": a rate limit needs at least one window");
		}
		this.name = name;
		this.windows = List.copyOf(windows);
		this.penalty = penalty != null ? penalty
				: Penalty.pause(windows.stream().map(Window::window).min(Comparator.naturalOrder()).orElseThrow());
		this.ledger = ledger;
		FunctionCounter.builder("marketbatch.broker.ratelimit.wait", waitedNanos, n -> n.get() / 1e9)
			.baseUnit("seconds")
			.description("time broker requests waited for the account's rate limit")
			.tag("limit", name)
			.register(Metrics.globalRegistry);
	}

	/** A limit kept in this process only. */
	public static RateLimit of(String name, Window... windows) {
		List<Window> list = List.of(windows);
		return new RateLimit(name, list, null, new LocalLedger(name, Clock.systemUTC()));
	}

	public static Window perSecond(int n) {
		return new Window(n, Duration.ofSeconds(1));
	}

	public static Window perMinute(int n) {
		return new Window(n, Duration.ofMinutes(1));
	}

	public static Window per(int n, Duration window) {
		return new Window(n, window);
	}

	/**
	 * Blocks until one more request is allowed; it counts from the time it is allowed
	 * plus {@link #LEAVES_WITHIN}, as no answer will tell when the broker saw it.
	 */
	public Ticket acquire() {
		return acquire(LEAVES_WITHIN.toNanos() / 1000);
	}

	/**
	 * Blocks until one more request is allowed; it holds its place in every window until
	 * its ticket is {@linkplain Ticket#answered answered}, or for at most {@code flight}
	 * (the call's timeout: a process that dies mid-call frees its place then).
	 */
	public Ticket acquireInFlight(Duration flight) {
		return acquire(flight.toNanos() / 1000);
	}

	private Ticket acquire(long flightMicros) {
		long start = System.nanoTime();
		Ledger.Answer answer;
		try {
			while (!(answer = ledger.tryAcquire(windows, penalty, flightMicros)).isAdmitted()) {
				TimeUnit.MICROSECONDS.sleep(answer.waitMicros());
			}
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new BrokerUnavailableException(name + ": interrupted while waiting for the rate limit");
		}
		finally {
			waitedNanos.addAndGet(System.nanoTime() - start);
		}
		acquired.incrementAndGet();
		return new Ticket(ledger, answer.number());
	}

	/**
	 * The broker answered 429: the account is over its limit (another client of the
	 * account, or a broker counting differently). Every process of the account pauses.
	 */
	public void breached() {
		breaches.incrementAndGet();
		ledger.breach(penalty);
		log.warn("{}: the broker refused a request for its rate limit (HTTP 429); no request for {}{}", name,
				penalty.pause(),
				penalty.breachesPerDay() > 0
						? " (after " + penalty.breachesPerDay() + " such refusals in a day, none until the next day)"
						: "");
	}

	public String name() {
		return name;
	}

	public List<Window> windows() {
		return windows;
	}

	/** The windows as the broker publishes them: "3/s", "50/s, 500/min, 2000/30 min". */
	public String describe() {
		return windows.stream().map(Window::toString).collect(Collectors.joining(", "));
	}

	/**
	 * The least time {@code requests} take at the published limit from an idle account:
	 * the last one goes when every window lets it.
	 */
	public Duration timeAtLimit(long requests) {
		Duration longest = Duration.ZERO;
		for (Window w : windows) {
			Duration d = w.window().multipliedBy(Math.max(0, requests - 1) / w.requests());
			longest = d.compareTo(longest) > 0 ? d : longest;
		}
		return longest;
	}

	/** Total time callers spent waiting for this limit. */
	public Duration waited() {
		return Duration.ofNanos(waitedNanos.get());
	}

	public long acquired() {
		return acquired.get();
	}

	/** 429 answers seen by this process. */
	public long breaches() {
		return breaches.get();
	}

}
