package io.marketbatch.broker.http;

import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.BrokerUnavailableException;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

import org.jspecify.annotations.Nullable;
import okhttp3.Call;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The HTTP side shared by the broker clients: OkHttp with timeouts, the account's rate
 * limit before every request (a 429 answer counts as a breach of it), the broker's auth
 * headers (never logged), JSON with exact decimals, and one mapping of failures:
 * transport trouble, 429 and 5xx are transient; what the broker's {@link ErrorClassifier}
 * calls a token rejection is fatal; a bad payload is a data error.
 */
public final class BrokerHttp {

	private static final Logger log = LoggerFactory.getLogger(BrokerHttp.class);

	/** Turns a broker's error answer into the exception the jobs act on. */
	@FunctionalInterface
	public interface ErrorClassifier {

		/**
		 * @return the exception for this answer, or null to use the default mapping by
		 * status
		 */
		@Nullable BrokerException classify(int status, @Nullable JsonNode body, String what);

	}

	public static final JsonMapper JSON = JsonMapper.builder()
		.enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
		.build();

	private static final MediaType JSON_TYPE = MediaType.get("application/json");

	private final String broker;

	private final OkHttpClient client;

	/** Asked before every request: the token can be renewed while the service runs. */
	private final Supplier<Map<String, String>> headers;

	private final ErrorClassifier classifier;

	/** The longest a call may take: how long an unanswered request holds its place. */
	private final Duration callTimeout;

	private static final Duration DOWNLOAD_TIMEOUT = Duration.ofMinutes(5);

	public BrokerHttp(String broker, Map<String, String> headers, ErrorClassifier classifier, Duration timeout) {
		this(broker, fixed(headers), classifier, timeout);
	}

	public BrokerHttp(String broker, Supplier<Map<String, String>> headers, ErrorClassifier classifier,
			Duration timeout) {
		this.broker = broker;
		this.headers = headers;
		this.classifier = classifier;
		this.callTimeout = timeout.multipliedBy(2);
		this.client = new OkHttpClient.Builder().connectTimeout(timeout)
			.readTimeout(timeout)
			.callTimeout(callTimeout)
			.retryOnConnectionFailure(false)
			.build();
	}

	private static Supplier<Map<String, String>> fixed(Map<String, String> headers) {
		Map<String, String> copy = Map.copyOf(headers);
		return () -> copy;
	}

	public static HttpUrl base(String url) {
		HttpUrl parsed = HttpUrl.parse(url);
		if (parsed == null) {
			throw new IllegalArgumentException("not an http(s) URL: " + url);
		}
		return parsed;
	}

	/**
	 * Percent-encodes everything but unreserved characters: {@code NSE_EQ|INE101A01026},
	 * {@code M&M}, spaces.
	 */
	public static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	public JsonNode get(HttpUrl url, RateLimit limit, String what) {
		return send(new Request.Builder().url(url).get(), limit, what);
	}

	public JsonNode post(HttpUrl url, JsonNode body, RateLimit limit, String what) {
		return send(new Request.Builder().url(url).post(RequestBody.create(JSON.writeValueAsString(body), JSON_TYPE)),
				limit, what);
	}

	private JsonNode send(Request.Builder builder, RateLimit limit, String what) {
		headers.get().forEach(builder::header);
		builder.header("Accept", "application/json");
		RateLimit.Ticket ticket = limit.acquireInFlight(callTimeout);
		try (Response response = answered(ticket, client.newCall(builder.build()))) {
			String text = response.body().string();
			JsonNode body = parse(text);
			if (!response.isSuccessful()) {
				if (response.code() == 429) {
					limit.breached();
				}
				throw failure(response.code(), body, text, what);
			}
			if (body == null) {
				throw new BrokerDataException(
						broker + ": malformed JSON in the answer to " + what + ": " + snippet(text));
			}
			return body;
		}
		catch (InterruptedIOException e) {
			throw new BrokerUnavailableException(broker + ": timeout on " + what, e);
		}
		catch (IOException e) {
			throw new BrokerUnavailableException(broker + ": " + e.getMessage() + " on " + what, e);
		}
	}

	/**
	 * A file download (instrument masters), gunzipped when it is gzip whatever the
	 * headers say.
	 */
	public InputStream download(HttpUrl url, RateLimit limit, String what, boolean authenticated) {
		Request.Builder builder = new Request.Builder().url(url).get();
		if (authenticated) {
			headers.get().forEach(builder::header);
		}
		RateLimit.Ticket ticket = limit.acquireInFlight(DOWNLOAD_TIMEOUT);
		Response response = null;
		try {
			response = answered(ticket,
					client.newBuilder()
						.callTimeout(DOWNLOAD_TIMEOUT)
						.readTimeout(Duration.ofMinutes(2))
						.build()
						.newCall(builder.build()));
			if (!response.isSuccessful()) {
				String text = response.body().string();
				int code = response.code();
				response.close();
				if (code == 429) {
					limit.breached();
				}
				throw failure(code, parse(text), text, what);
			}
			InputStream in = new BufferedInputStream(response.body().byteStream());
			in.mark(2);
			int b1 = in.read();
			int b2 = in.read();
			in.reset();
			return (b1 == 0x1f && b2 == 0x8b) ? new GZIPInputStream(in) : in;
		}
		catch (IOException e) {
			if (response != null) {
				response.close();
			}
			throw new BrokerUnavailableException(broker + ": " + e.getMessage() + " on " + what, e);
		}
	}

	/**
	 * Executes the call and tells the rate limit when its answer (or failure) came: the
	 * broker saw the request by then.
	 */
	private static Response answered(RateLimit.Ticket ticket, Call call) throws IOException {
		try {
			return call.execute();
		}
		finally {
			try {
				ticket.answered();
			}
			catch (RuntimeException e) {
				// the request keeps holding its place until its flight allowance ends:
				// later requests wait longer, never too little
				log.warn("could not note a request's answer: {}", e.getMessage());
			}
		}
	}

	private BrokerException failure(int status, @Nullable JsonNode body, String text, String what) {
		BrokerException classified = classifier.classify(status, body, what);
		if (classified != null) {
			return classified;
		}
		if (status == 429) {
			return new BrokerUnavailableException(broker + ": rate limited (HTTP 429) on " + what);
		}
		if (status >= 500) {
			return new BrokerUnavailableException(broker + ": HTTP " + status + " on " + what + ": " + snippet(text));
		}
		return new BrokerDataException(broker + ": HTTP " + status + " on " + what + ": " + snippet(text));
	}

	private static @Nullable JsonNode parse(String text) {
		if (text == null || text.isBlank()) {
			return null;
		}
		try {
			return JSON.readTree(text);
		}
		catch (JacksonException e) {
			return null;
		}
	}

	static String snippet(String text) {
		if (text == null) {
			return "";
		}
		String flat = text.replaceAll("\\s+", " ").strip();
		return flat.length() <= 200 ? flat : flat.substring(0, 200) + "…";
	}

}
