package io.marketbatch.broker.kite;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerCredentials;
import io.marketbatch.broker.MarketFeed;
import io.marketbatch.broker.TokenProvider;
import io.marketbatch.broker.http.BrokerHttp;
import io.marketbatch.broker.http.FeedGroup;
import io.marketbatch.broker.http.FeedProtocol;
import io.marketbatch.broker.http.FeedSettings;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.WebSocket;
import okio.ByteString;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Kite's WebSocket ticker ({@code wss://ws.kite.trade?api_key=..&access_token=..}): each
 * connection subscribes its instrument tokens and sets them to full mode, so ticks carry
 * the day's volume and the last trade time ({@link KitePackets}). Kite allows 3000
 * instruments per connection and 3 connections per api_key, so a subscription is split
 * into connections of 3000 and more than 9000 instruments at once are refused. HTTP 403
 * on the upgrade is an expired token: the feed stops at once.
 */
public final class KiteTicker implements MarketFeed {

	private static final Logger log = LoggerFactory.getLogger(KiteTicker.class);

	/** Kite's ticker endpoint. */
	public static final String URL = "wss://ws.kite.trade";

	static final int PER_CONNECTION = 3000;

	static final int CONNECTIONS = 3;

	private final HttpUrl url;

	private final TokenProvider token;

	private final FeedSettings settings;

	private final Clock clock;

	private final OkHttpClient client;

	/** Connections open for this api_key in this process. */
	private final AtomicInteger open = new AtomicInteger();

	public KiteTicker(String tickerUrl, TokenProvider token, FeedSettings settings, Duration timeout, Clock clock) {
		// OkHttp takes ws(s):// in requests but HttpUrl only http(s)://
		this.url = BrokerHttp.base(tickerUrl.replaceFirst("^ws", "http"));
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
		Map<Long, Long> idsByToken = new LinkedHashMap<>();
		for (Instrument instrument : instruments) {
			try {
				idsByToken.put(Long.parseLong(String.valueOf(instrument.brokerKey())), instrument.id());
			}
			catch (NumberFormatException e) {
				log.warn("kite ticker: {} has no instrument token ({}); left out, run instrumentSync", instrument,
						instrument.brokerKey());
			}
		}
		int connections = Math.max(1, (idsByToken.size() + PER_CONNECTION - 1) / PER_CONNECTION);
		if (open.addAndGet(connections) > CONNECTIONS) {
			open.addAndGet(-connections);
			throw new IllegalArgumentException("kite ticker: " + idsByToken.size() + " instruments need " + connections
					+ " connections, and Kite allows " + CONNECTIONS + " per api_key (" + PER_CONNECTION
					+ " instruments each), " + (open.get()) + " already open: subscribe at most "
					+ (CONNECTIONS - open.get()) * PER_CONNECTION + " instruments");
		}
		List<Map.Entry<Long, Long>> entries = new ArrayList<>(idsByToken.entrySet());
		List<Protocol> protocols = new ArrayList<>();
		for (int from = 0; from < Math.max(entries.size(), 1); from += PER_CONNECTION) {
			Map<Long, Long> part = new LinkedHashMap<>();
			entries.subList(from, Math.min(from + PER_CONNECTION, entries.size()))
				.forEach(e -> part.put(e.getKey(), e.getValue()));
			protocols.add(new Protocol(part, protocols.size() + 1));
		}
		return FeedGroup.open(client, protocols, settings, listener, clock, () -> open.addAndGet(-connections));
	}

	/** One connection's tokens. */
	private final class Protocol implements FeedProtocol {

		private final Map<Long, Long> idsByToken;

		private final String name;

		Protocol(Map<Long, Long> idsByToken, int number) {
			this.idsByToken = idsByToken;
			this.name = "kite ticker " + number;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public Request connectRequest() {
			BrokerCredentials credentials = token.get()
				.filter(c -> c.apiKey() != null && !c.apiKey().isBlank() && !c.accessToken().isBlank())
				.orElseThrow(() -> new BrokerAuthException("kite ticker: no api key or access token; set "
						+ "MARKETBATCH_KITE_API_KEY and MARKETBATCH_KITE_ACCESS_TOKEN"));
			HttpUrl withToken = url.newBuilder()
				.setQueryParameter("api_key", credentials.apiKey())
				.setQueryParameter("access_token", credentials.accessToken())
				.build();
			return new Request.Builder().url(withToken).header("X-Kite-Version", "3").build();
		}

		@Override
		public @Nullable BrokerAuthException upgradeRefused(int status) {
			return status != 403 ? null : new BrokerAuthException("kite ticker: the upgrade was refused with HTTP 403: "
					+ "the access token has expired (Kite tokens expire at 06:00 IST every day). Log in again and set "
					+ "the new token (PUT /api/brokers/kite/token or `token set kite <token> [apiKey]`), then subscribe again.");
		}

		@Override
		public void subscribe(WebSocket socket) {
			List<Long> tokens = List.copyOf(idsByToken.keySet());
			if (tokens.isEmpty()) {
				return;
			}
			// tokens go as JSON numbers; new subscriptions start in quote mode
			socket.send(BrokerHttp.JSON.writeValueAsString(Map.of("a", "subscribe", "v", tokens)));
			socket.send(BrokerHttp.JSON.writeValueAsString(Map.of("a", "mode", "v", List.of("full", tokens))));
		}

		@Override
		public boolean heartbeats() {
			return true;
		}

		@Override
		public void onBinary(ByteString frame, Instant receivedAt, Consumer<Tick> ticks) {
			KitePackets.read(frame.asByteBuffer(), idsByToken, receivedAt, ticks);
		}

		@Override
		public void onText(String text) {
			JsonNode message = BrokerHttp.JSON.readTree(text);
			String type = message.path("type").asString("");
			if (type.equals("error")) {
				log.warn("{}: Kite says: {}", name, message.path("data").asString(message.path("data").toString()));
			}
			else {
				log.debug("{}: {} message ignored", name, type);
			}
		}

	}

}
