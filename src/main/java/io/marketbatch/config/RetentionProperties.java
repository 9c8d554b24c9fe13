package io.marketbatch.config;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long history is kept ({@code marketbatch.retention.*}).
 *
 * @param executions how long the job repository keeps the executions of the minute-level
 * jobs (ltpSnapshot, gapFill); older ones are removed by the daily housekeeping job
 * @param ltp how long {@code ltp_snapshot} rows are kept; unset: for ever
 */
@ConfigurationProperties("marketbatch.retention")
public record RetentionProperties(@DefaultValue("P30D") Duration executions, @Nullable Duration ltp) {

	/** The LTP retention, if one is set. */
	public Optional<Duration> ltpRetention() {
		return Optional.ofNullable(ltp);
	}

}
