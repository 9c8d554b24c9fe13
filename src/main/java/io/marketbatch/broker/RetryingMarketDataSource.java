package io.marketbatch.broker;

import io.marketbatch.market.CalendarException;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries transient broker failures in-step: a bounded number of attempts with
 * exponential backoff (by default 3 attempts, 0.5 s then 1.5 s). Anything longer is an
 * outage, which fails the run so it can be restarted from its last checkpoint. Token and
 * data errors pass at once. The first rejected token, whenever it comes, latches the
 * account: no further request is sent until a newer token is stored (then the latch
 * clears by itself and the renewal listeners run).
 */
public class RetryingMarketDataSource implements MarketDataSource {

	private static final Logger log = LoggerFactory.getLogger(RetryingMarketDataSource.class);

	private final MarketDataSource delegate;

	private final BrokerRetries retries;

	private final TokenProvider tokens;

	private final Clock clock;

	private final List<Runnable> renewalListeners = new CopyOnWriteArrayList<>();

	/**
	 * Until one call has succeeded, calls go one at a time: a rejected token then costs
	 * one request.
	 */
	private final ReentrantLock probe = new ReentrantLock();

	private volatile boolean tokenAccepted;

	/** Once the broker rejected the token, every call fails at once without a request. */
	private volatile @Nullable Latch latch;

	/** The rejection, and the token it rejected: only a different one lifts the latch. */
	private record Latch(BrokerAuthException error, TokenRejection rejection, Optional<BrokerCredentials> rejected) {
	}

	public RetryingMarketDataSource(MarketDataSource delegate, int attempts, Duration backoff, double multiplier) {
		this(delegate, attempts, backoff, multiplier, TokenProvider.fixed(delegate.name(), null, null),
				Clock.systemUTC());
	}

	public RetryingMarketDataSource(MarketDataSource delegate, int attempts, Duration backoff, double multiplier,
			TokenProvider tokens, Clock clock) {
		this.delegate = delegate;
		this.tokens = tokens;
		this.clock = clock;
		this.retries = new BrokerRetries(delegate.name(), attempts, backoff, multiplier);
	}

	public MarketDataSource delegate() {
		return delegate;
	}

	@Override
	public String name() {
		return delegate.name();
	}

	@Override
	public BrokerLimits limits() {
		return delegate.limits();
	}

	@Override
	public List<MasterInstrument> instrumentMaster() {
		// a public file on most brokers: it proves nothing about the token
		return guarded("instrument master", delegate::instrumentMaster);
	}

	@Override
	public Map<String, List<String>> universes() {
		return guarded("universes", delegate::universes);
	}

	@Override
	public void checkToken() {
		call("token check", () -> {
			delegate.checkToken();
			return Boolean.TRUE;
		});
	}

	@Override
	public List<CalendarException> exchangeCalendar(String exchange) {
		return call("calendar of " + exchange, () -> delegate.exchangeCalendar(exchange));
	}

	@Override
	public List<LtpQuote> lastPrices(List<Instrument> instruments, Instant minute) {
		return call("LTP of " + instruments.size() + " instruments", () -> delegate.lastPrices(instruments, minute));
	}

	@Override
	public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
		return call("1m candles " + instrument.symbol() + " " + from + ".." + to,
				() -> delegate.minuteCandles(instrument, from, to));
	}

	@Override
	public List<Candle> intradayCandles(Instrument instrument) {
		return call("intraday candles " + instrument.symbol(), () -> delegate.intradayCandles(instrument));
	}

	/**
	 * The broker's feed, not opened while the token is known bad; a feed stopped for a
	 * rejected token latches the account like a rejected request.
	 */
	@Override
	public Optional<MarketFeed> marketFeed() {
		return delegate.marketFeed().map(feed -> (instruments, listener) -> {
			requireToken();
			Optional<BrokerCredentials> used = tokens.get();
			return feed.subscribe(instruments, listener.gatingStops(cause -> {
				if (cause instanceof BrokerAuthException rejected) {
					latch(rejected, used);
				}
				return true;
			}));
		});
	}

	/** Forget a rejected token at once (tests). */
	public void resetToken() {
		latch = null;
		tokenAccepted = false;
	}

	/** Runs after a newer token lifted the latch (on the thread that noticed it). */
	public void onRenewal(Runnable listener) {
		renewalListeners.add(listener);
	}

	/**
	 * The rejection that stopped this broker's requests; empty while the token is not
	 * known bad.
	 */
	public Optional<TokenRejection> tokenRejection() {
		Latch l = latch;
		return (l == null) ? Optional.empty() : Optional.of(l.rejection());
	}

	/**
	 * Like {@link #tokenRejection()}, after looking for a stored token newer than the one
	 * in use (which lifts a latch).
	 */
	public Optional<TokenRejection> lookForRenewal() {
		if (latch != null) {
			renewed();
		}
		else {
			// a token set before the old one died is used from now on too
			tokens.refresh();
		}
		return tokenRejection();
	}

	private boolean renewed() {
		synchronized (this) {
			Latch l = latch;
			if (l == null) {
				return true;
			}
			tokens.refresh();
			if (tokens.get().equals(l.rejected())) {
				return false;
			}
			latch = null;
			tokenAccepted = false;
		}
		log.info("{}: a new token was set; requests to the broker resume", delegate.name());
		renewalListeners.forEach(Runnable::run);
		return true;
	}

	private void requireToken() {
		Latch l = latch;
		if (l != null && !renewed()) {
			throw l.error();
		}
	}

	private void latch(BrokerAuthException e, Optional<BrokerCredentials> used) {
		Latch latched = new Latch(e, new TokenRejection(delegate.name(), clock.instant(), e.getMessage()), used);
		synchronized (this) {
			if (latch != null) {
				return;
			}
			latch = latched;
		}
		// once per rejection: every later call fails without a request and without a log
		log.error("{} rejected the token; no further request is sent until it is renewed ({}): {}", delegate.name(),
				latched.rejection().renewal(), e.getMessage());
	}

	/**
	 * A call that proves nothing about the token but must not be sent after a rejection.
	 */
	private <T> T guarded(String what, Supplier<T> request) {
		requireToken();
		Optional<BrokerCredentials> used = tokens.get();
		try {
			return retries.retried(what, request);
		}
		catch (BrokerAuthException e) {
			latch(e, used);
			throw e;
		}
	}

	private <T> T call(String what, Supplier<T> request) {
		requireToken();
		if (tokenAccepted) {
			return guarded(what, request);
		}
		probe.lock();
		try {
			T result = guarded(what, request);
			tokenAccepted = true;
			return result;
		}
		finally {
			probe.unlock();
		}
	}

}
