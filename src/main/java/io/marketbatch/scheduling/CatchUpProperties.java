package io.marketbatch.scheduling;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What the service fills at start ({@code marketbatch.catch-up.*}).
 *
 * @param enabled on start, fill what the service missed (first start: the two-month
 * history)
 * @param days trading days looked back on for a missing dailyBackfill or eodAggregation
 */
@ConfigurationProperties("marketbatch.catch-up")
public record CatchUpProperties(@DefaultValue("true") boolean enabled, @DefaultValue("5") int days) {
}
