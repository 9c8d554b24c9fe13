package io.marketbatch.broker.upstox;

import io.marketbatch.broker.http.FeedSettings;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Upstox account ({@code marketbatch.upstox.*}; each also from the environment, e.g.
 * MARKETBATCH_UPSTOX_ACCESS_TOKEN). Secrets are never printed: toString masks them.
 *
 * @param baseUrl where Upstox's API is
 * @param instrumentsUrl the full URL of the instrument master (NSE.json.gz)
 * @param accessToken the day's access token; unset: every request is refused
 * @param timeout timeout of one HTTP request
 * @param feed how the market-data feed reconnects ({@code marketbatch.upstox.feed.*})
 */
@ConfigurationProperties("marketbatch.upstox")
public record UpstoxProperties(@DefaultValue("https://api.upstox.com") String baseUrl,
		@DefaultValue("https://assets.upstox.com/market-quote/instruments/exchange/NSE.json.gz") String instrumentsUrl,
		@Nullable String accessToken, @DefaultValue("20s") Duration timeout, @DefaultValue FeedSettings feed) {

	@Override
	public String toString() {
		return "UpstoxProperties[baseUrl=" + baseUrl + ", accessToken=" + (accessToken == null ? "unset" : "******")
				+ "]";
	}

}
