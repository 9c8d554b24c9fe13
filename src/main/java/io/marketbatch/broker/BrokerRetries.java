package io.marketbatch.broker;

import java.time.Duration;
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
 * The in-step retry of {@link RetryingMarketDataSource}: transient failures are retried
 * with exponential backoff and counted per outcome; token and data errors pass at once.
 */
final class BrokerRetries {

	private static final Logger log = LoggerFactory.getLogger(RetryingMarketDataSource.class);

	private final String broker;

	private final RetryTemplate template;

	BrokerRetries(String broker, int attempts, Duration backoff, double multiplier) {
		this.broker = broker;
		RetryPolicy policy = RetryPolicy.builder()
			.maxRetries(Math.max(0, attempts - 1))
			.delay(backoff)
			.multiplier(multiplier)
			.jitter(backoff.dividedBy(5))
			.maxDelay(Duration.ofSeconds(5))
			.includes(BrokerUnavailableException.class)
			.build();
		this.template = new RetryTemplate(policy);
		this.template.setRetryListener(new RetryListener() {
			@Override
			public void beforeRetry(RetryPolicy retryPolicy, Retryable<?> retryable) {
				log.warn("retrying broker call {}", retryable.getName());
			}
		});
	}

	private void count(String outcome) {
		Metrics.counter("marketbatch.broker.requests", "broker", broker, "outcome", outcome).increment();
	}

	<T> T retried(String what, Supplier<T> request) {
		try {
			return template.execute(new Retryable<T>() {
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
