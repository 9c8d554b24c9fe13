package io.marketbatch.config;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The one clock every part reads, in exchange time; {@code marketbatch.now} pretends
 * another instant (demos, tests).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(MarketBatchProperties.class)
public class ClockConfiguration {

	/** India Standard Time: the zone of every NSE session and business date. */
	static final ZoneId EXCHANGE_ZONE = ZoneId.of("Asia/Kolkata");

	@Bean
	Clock clock(MarketBatchProperties properties) {
		return of(properties);
	}

	/** The clock these settings describe, for code that runs without a context. */
	public static Clock of(MarketBatchProperties properties) {
		Clock system = Clock.system(EXCHANGE_ZONE);
		// a pretended "now" keeps ticking from the given instant, so schedules still
		// advance
		return properties.pretendedNow()
			.map(now -> Clock.offset(system, Duration.between(system.instant(), now)))
			.orElse(system);
	}

}
