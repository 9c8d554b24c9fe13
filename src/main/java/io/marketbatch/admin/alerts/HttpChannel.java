package io.marketbatch.admin.alerts;

import java.io.IOException;
import java.util.Map;
import java.util.function.Function;

import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.databind.json.JsonMapper;

/**
 * The channels that POST JSON: the generic webhook (the alert's fields), a
 * Slack-compatible webhook ({@code {"text": ...}}) and the Telegram Bot API's sendMessage
 * ({@code {"chat_id": ..., "text": ...}}).
 */
final class HttpChannel implements AlertChannel {

	private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private final String name;

	private final OkHttpClient http;

	private final HttpUrl url;

	private final Function<Alert, Map<String, Object>> body;

	private HttpChannel(String name, OkHttpClient http, HttpUrl url, Function<Alert, Map<String, Object>> body) {
		this.name = name;
		this.http = http;
		this.url = url;
		this.body = body;
	}

	static HttpChannel webhook(OkHttpClient http, String url) {
		return new HttpChannel("webhook", http, parse("marketbatch.alerts.webhook.url", url), Alert::fields);
	}

	static HttpChannel slack(OkHttpClient http, String url) {
		return new HttpChannel("slack", http, parse("marketbatch.alerts.slack.url", url),
				alert -> Map.of("text", alert.text()));
	}

	static HttpChannel telegram(OkHttpClient http, String baseUrl, String botToken, String chatId) {
		HttpUrl base = parse("marketbatch.alerts.telegram.base-url", baseUrl);
		HttpUrl url = base.newBuilder().addPathSegment("bot" + botToken.strip()).addPathSegment("sendMessage").build();
		return new HttpChannel("telegram", http, url, alert -> Map.of("chat_id", chatId.strip(), "text", alert.text()));
	}

	private static HttpUrl parse(String setting, String url) {
		HttpUrl parsed = HttpUrl.parse(url.strip());
		if (parsed == null) {
			throw new IllegalArgumentException(setting + ": expected an http:// or https:// address");
		}
		return parsed;
	}

	@Override
	public String name() {
		return name;
	}

	@Override
	public void send(Alert alert) throws IOException {
		Request request = new Request.Builder().url(url)
			.post(RequestBody.create(MAPPER.writeValueAsString(body.apply(alert)), JSON))
			.build();
		try (Response response = http.newCall(request).execute()) {
			if (!response.isSuccessful()) {
				// the address is not named: a bot token or a Slack hook's secret is in it
				throw new IOException(name + " answered HTTP " + response.code());
			}
		}
	}

}
