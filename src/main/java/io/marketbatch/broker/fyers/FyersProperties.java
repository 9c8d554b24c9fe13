package io.marketbatch.broker.fyers;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Fyers account ({@code marketbatch.fyers.*}; each also from the environment, e.g.
 * MARKETBATCH_FYERS_ACCESS_TOKEN). Secrets are never printed: toString masks them.
 *
 * @param baseUrl where Fyers's API is
 * @param instrumentsUrl the full URL of the NSE equities symbol master
 * @param appId Fyers' app id
 * @param accessToken the day's access token; unset: every request is refused
 * @param timeout timeout of one HTTP request
 */
@ConfigurationProperties("marketbatch.fyers")
public record FyersProperties(@DefaultValue("https://api-t1.fyers.in") String baseUrl,
		@DefaultValue("https://public.fyers.in/sym_details/NSE_CM.csv") String instrumentsUrl, @Nullable String appId,
		@Nullable String accessToken, @DefaultValue("20s") Duration timeout) {

	@Override
	public String toString() {
		return "FyersProperties[baseUrl=" + baseUrl + ", accessToken=" + (accessToken == null ? "unset" : "******")
				+ "]";
	}

}
