package io.marketbatch.broker.upstox;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.MarketFeed;
import io.marketbatch.broker.TokenProvider;
import io.marketbatch.broker.http.BrokerHttp;
import io.marketbatch.broker.http.FeedGroup;
import io.marketbatch.broker.http.FeedProtocol;
import io.marketbatch.broker.http.FeedSettings;
import io.marketbatch.broker.http.RateLimit;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.FeedResponse;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

import com.google.protobuf.InvalidProtocolBufferException;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Upstox's Market Data Feed V3: before every connection {@code GET
 * /v3/feed/market-data-feed/authorize} (within the account's request budget) gives a
 * single-use wss URL; the subscription, {@code {"guid":..,"method":"sub","data":{"mode":
 * "full","instrumentKeys":[..]}}}, goes as a binary frame; the answers are protobuf
 * {@code FeedResponse}s ({@link UpstoxFeedFrames}). Upstox allows one connection per app
 * and user and 2000 keys in full mode, so a second open subscription and a larger one are
 * refused. A 401 on the authorization or the upgrade is a rejected token: the feed stops.
 */
final class UpstoxFeed implements MarketFeed {

	private static final Logger log = LoggerFactory.getLogger(UpstoxFeed.class);

	static final int FULL_MODE_KEYS = 2000;

	private final HttpUrl authorize;

	private final BrokerHttp http;

	private final RateLimit budget;

	private final TokenProvider token;

	private final FeedSettings settings;

	private final Clock clock;

	private final OkHttpClient client;

	private final AtomicBoolean open = new AtomicBoolean();

	UpstoxFeed(HttpUrl base, BrokerHttp http, RateLimit budget, TokenProvider token, FeedSettings settings,
			Duration timeout, Clock clock) {
		this.authorize = base.newBuilder().addPathSegments("v3/feed/market-data-feed/authorize").build();
		this.http = http;
		this.budget = budget;
		this.token = token;
		this.settings = settings;
		this.clock = clock;
		this.client = new OkHttpClient.Builder().connectTimeout(timeout)
			.readTimeout(timeout)
			.pingInterval(settings.silence())
			.build();
	}

	@Override
	public FeedGroup subscribe(List<Instrument> instruments, Listener listener) {
		Map<String, Long> idsByKey = new LinkedHashMap<>();
		for (Instrument instrument : instruments) {
			if (instrument.brokerKey() == null) {
				log.warn("upstox feed: {} has no instrument key; left out, run instrumentSync", instrument);
			}
			else {
				idsByKey.put(instrument.brokerKey(), instrument.id());
			}
		}
		if (idsByKey.size() > FULL_MODE_KEYS) {
			throw new IllegalArgumentException("upstox feed: " + idsByKey.size() + " instruments, and Upstox allows "
					+ FULL_MODE_KEYS + " keys in full mode on its one connection: subscribe at most " + FULL_MODE_KEYS);
		}
		if (!open.compareAndSet(false, true)) {
			throw new IllegalStateException("upstox feed: a subscription is already open, and Upstox allows one "
					+ "connection per app and user (a second would drop the first): close it first");
		}
		return FeedGroup.open(client, List.of(new Protocol(idsByKey)), settings, listener, clock,
				() -> open.set(false));
	}

	private final class Protocol implements FeedProtocol {

		private final Map<String, Long> idsByKey;

		private final UpstoxFeedFrames frames;

		Protocol(Map<String, Long> idsByKey) {
			this.idsByKey = idsByKey;
			this.frames = new UpstoxFeedFrames(idsByKey);
		}

		@Override
		public String name() {
			return "upstox feed";
		}

		@Override
		public Request connectRequest() {
			if (token.get().isEmpty()) {
				throw new BrokerAuthException(
						"upstox feed: no access token; set MARKETBATCH_UPSTOX_ACCESS_TOKEN (or PUT /api/brokers/upstox/token)");
			}
			// single-use: a new one for every connection
			String uri = http.get(authorize, budget, "market-data feed authorization")
				.path("data")
				.path("authorized_redirect_uri")
				.asString("");
			if (uri.isBlank()) {
				throw new BrokerDataException("upstox feed: the authorization answer has no authorized_redirect_uri");
			}
			return new Request.Builder().url(uri).build();
		}

		@Override
		public @Nullable BrokerAuthException upgradeRefused(int status) {
			// a 403 also comes for a reused URL: the next try authorizes afresh
			return status != 401 ? null
					: new BrokerAuthException("upstox feed: the upgrade was refused with HTTP 401: "
							+ "the access token was rejected (Upstox tokens expire at 03:30 IST). Set a new one with "
							+ "PUT /api/brokers/upstox/token or `token set upstox <token>`, then subscribe again.");
		}

		@Override
		public void subscribe(WebSocket socket) {
			if (idsByKey.isEmpty()) {
				return;
			}
			Map<String, Object> request = Map.of("guid", UUID.randomUUID().toString(), "method", "sub", "data",
					Map.of("mode", "full", "instrumentKeys", List.copyOf(idsByKey.keySet())));
			// Upstox reads requests from binary frames only
			socket.send(ByteString.encodeUtf8(BrokerHttp.JSON.writeValueAsString(request)));
		}

		@Override
		public boolean heartbeats() {
			return false;
		}

		@Override
		public void onBinary(ByteString frame, Instant receivedAt, Consumer<Tick> ticks) {
			try {
				frames.read(FeedResponse.parseFrom(frame.toByteArray()), receivedAt, ticks);
			}
			catch (InvalidProtocolBufferException e) {
				throw new BrokerDataException("upstox feed: not a FeedResponse: " + e.getMessage());
			}
		}

	}

}
