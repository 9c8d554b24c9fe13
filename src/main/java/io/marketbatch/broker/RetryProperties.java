package io.marketbatch.broker;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * In-step retries of a transient broker failure ({@code marketbatch.retry.*}).
 *
 * @param attempts attempts of one broker call, the first included
 * @param backoff wait before the second attempt; each later wait is {@code multiplier}
 * times longer
 * @param multiplier growth of the wait from one attempt to the next
 */
@ConfigurationProperties("marketbatch.retry")
public record RetryProperties(@DefaultValue("3") int attempts, @DefaultValue("500ms") Duration backoff,
		@DefaultValue("3.0") double multiplier) {
}
