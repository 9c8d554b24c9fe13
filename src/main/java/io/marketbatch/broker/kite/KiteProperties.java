package io.marketbatch.broker.kite;

import io.marketbatch.broker.http.FeedSettings;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Kite account ({@code marketbatch.kite.*}; each also from the environment, e.g.
 * MARKETBATCH_KITE_ACCESS_TOKEN). Secrets are never printed: toString masks them.
 *
 * @param baseUrl where Kite's API is
 * @param instrumentsUrl the full URL of the instrument master; unset: base-url +
 * /instruments
 * @param apiKey Kite's api_key
 * @param accessToken the day's access token; unset: every request is refused
 * @param timeout timeout of one HTTP request
 * @param tickerUrl where Kite's WebSocket ticker is
 * @param feed how the ticker reconnects ({@code marketbatch.kite.feed.*})
 */
@ConfigurationProperties("marketbatch.kite")
public record KiteProperties(@DefaultValue("https://api.kite.trade") String baseUrl, @Nullable String instrumentsUrl,
		@Nullable String apiKey, @Nullable String accessToken, @DefaultValue("20s") Duration timeout,
		@DefaultValue(KiteTicker.URL) String tickerUrl, @DefaultValue FeedSettings feed) {

	@Override
	public String toString() {
		return "KiteProperties[baseUrl=" + baseUrl + ", accessToken=" + (accessToken == null ? "unset" : "******")
				+ "]";
	}

}
