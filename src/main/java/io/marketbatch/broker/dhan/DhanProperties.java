package io.marketbatch.broker.dhan;

import io.marketbatch.broker.http.FeedSettings;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Dhan account ({@code marketbatch.dhan.*}; each also from the environment, e.g.
 * MARKETBATCH_DHAN_ACCESS_TOKEN). Secrets are never printed: toString masks them.
 *
 * @param baseUrl where Dhan's API is
 * @param instrumentsUrl the full URL of the scrip master
 * @param clientId Dhan's client id
 * @param accessToken the day's access token; unset: every request is refused
 * @param timeout timeout of one HTTP request
 * @param feedUrl where Dhan's live market feed is
 * @param feed how the live feed reconnects ({@code marketbatch.dhan.feed.*})
 */
@ConfigurationProperties("marketbatch.dhan")
public record DhanProperties(@DefaultValue("https://api.dhan.co") String baseUrl,
		@DefaultValue("https://images.dhan.co/api-data/api-scrip-master.csv") String instrumentsUrl,
		@Nullable String clientId, @Nullable String accessToken, @DefaultValue("20s") Duration timeout,
		@DefaultValue(DhanFeed.URL) String feedUrl, @DefaultValue FeedSettings feed) {

	@Override
	public String toString() {
		return "DhanProperties[baseUrl=" + baseUrl + ", accessToken=" + (accessToken == null ? "unset" : "******")
				+ "]";
	}

}
