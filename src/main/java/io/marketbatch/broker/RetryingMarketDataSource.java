package io.marketbatch.broker;

import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Metrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryListener;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.core.retry.Retryable;

/**
 * Retries transient broker failures in-step: a bounded number of attempts with
 * exponential backoff (by default 3 attempts, 0.5 s then 1.5 s). Anything longer is an
 * outage, which fails the run so it can be restarted from its last checkpoint. Token and
 * data errors pass at once, and after a rejected token no further request is sent.
 */
public class RetryingMarketDataSource implements MarketDataSource {

	private static final Logger log = LoggerFactory.getLogger(RetryingMarketDataSource.class);

	private final MarketDataSource delegate;

	private final RetryTemplate retryTemplate;

	/**
	 * Until one call has succeeded, calls go one at a time: a rejected token then costs
	 * one request.
	 */
	private final ReentrantLock probe = new ReentrantLock();

	private volatile boolean tokenAccepted;

	/** Once the broker rejected the token, every call fails at once without a request. */
	private volatile BrokerAuthException tokenRejected;

	public RetryingMarketDataSource(MarketDataSource delegate, int attempts, Duration backoff, double multiplier) {
		this.delegate = delegate;
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(Math.max(0, attempts - 1))
			.delay(backoff)
			.multiplier(multiplier)
			.jitter(backoff.dividedBy(5))
			.maxDelay(Duration.ofSeconds(5))
			.includes(BrokerUnavailableException.class)
			.build();
		this.retryTemplate = new RetryTemplate(policy);
		this.retryTemplate.setRetryListener(new RetryListener() {
			@Override
			public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
				log.warn("retrying broker call {}", retryable.getName());
			}
		});
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
		return retried("instrument master", delegate::instrumentMaster);
	}

	@Override
	public Map<String, List<String>> universes() {
		return retried("universes", delegate::universes);
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

	private void count(String outcome) {
		Metrics.counter("marketbatch.broker.requests", "broker", delegate.name(), "outcome", outcome).increment();
	}

	/** Forget a rejected token (after it was renewed). */
	public void resetToken() {
		tokenRejected = null;
		tokenAccepted = false;
	}

	private <T> T call(String what, Supplier<T> request) {
		if (tokenRejected != null) {
			throw tokenRejected;
		}
		if (tokenAccepted) {
			return retried(what, request);
		}
		probe.lock();
		try {
			if (tokenRejected != null) {
				throw tokenRejected;
			}
			T result = retried(what, request);
			tokenAccepted = true;
			return result;
		}
		catch (BrokerAuthException e) {
			tokenRejected = e;
			throw e;
		}
		finally {
			probe.unlock();
		}
	}

	/**
	 * The rejection that stopped this broker's requests; empty while the token is not
	 * known bad.
	 */
	public Optional<String> tokenRejection() {
		return Optional.ofNullable(tokenRejected).map(BrokerAuthException::getMessage);
	}

	private <T> T retried(String what, Supplier<T> request) {
		try {
			return retryTemplate.execute(new Retryable<T>() {
				@Override
				public T execute() {
					try {
						T result = request.get();
						count("success");
						return result;
					}
					catch (BrokerUnavailableException e) {
						count("unavailable");
						throw e;
					}
					catch (BrokerAuthException e) {
						count("token_rejected");
						throw e;
					}
					catch (BrokerDataException e) {
						count("bad_data");
						throw e;
					}
				}

				@Override
				public String getName() {
					return what;
				}
			});
		}
		catch (RetryException e) {
			if (e.getLastException() instanceof RuntimeException last) {
				if (last instanceof BrokerUnavailableException && e.getRetryCount() > 0) {
					throw new BrokerUnavailableException(
							last.getMessage() + " (gave up after " + (e.getRetryCount() + 1) + " attempts)", last);
				}
				throw last;
			}
			throw new BrokerException(what + " failed", e.getCause());
		}
	}

}
