package io.marketbatch.broker.dhan;

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

/**
 * Dhan's live market feed v2
 * ({@code wss://api-feed.dhan.co?version=2&token=..&clientId=..
 * &authType=2}): each connection subscribes its instruments in full mode (request code
 * 21) in messages of at most 100; packets are little-endian ({@link DhanPackets}). Dhan
 * allows 5000 instruments per connection and 5 connections per user, so a subscription is
 * split into connections of 5000 and more than 25000 at once are refused. A disconnect
 * packet with reason 807 (token expired), 808 or 809 stops the feed, as does 805 (another
 * connection of the user took over: two processes would evict each other).
 */
public final class DhanFeed implements MarketFeed {

	private static final Logger log = LoggerFactory.getLogger(DhanFeed.class);

	/** Dhan's feed endpoint. */
	public static final String URL = "wss://api-feed.dhan.co";

	static final int PER_CONNECTION = 5000;

	static final int CONNECTIONS = 5;

	static final int PER_MESSAGE = 100;

	static final int SUBSCRIBE_FULL = 21;

	private final HttpUrl url;

	private final @Nullable String clientId;

	private final TokenProvider token;

	private final FeedSettings settings;

	private final Clock clock;

	private final OkHttpClient client;

	private final AtomicInteger open = new AtomicInteger();

	public DhanFeed(String feedUrl, @Nullable String clientId, TokenProvider token, FeedSettings settings,
			Duration timeout, Clock clock) {
		this.url = BrokerHttp.base(feedUrl.replaceFirst("^ws", "http"));
		this.clientId = clientId;
		this.token = token;
		this.settings = settings;
		this.clock = clock;
		this.client = new OkHttpClient.Builder().connectTimeout(timeout)
			.readTimeout(timeout)
			.pingInterval(settings.silence())
			.build();
	}

	/** The request's segment name and its code in the packets' header. */
	private record Segment(String name, int code) {

		static Segment of(Instrument instrument) {
			if ("INDEX".equals(instrument.type())) {
				return new Segment("IDX_I", DhanPackets.IDX_I);
			}
			return "BSE".equals(instrument.exchange()) ? new Segment("BSE_EQ", 4) : new Segment("NSE_EQ", 1);
		}

	}

	private record Subscribed(Segment segment, String securityId) {
	}

	@Override
	public FeedGroup subscribe(List<Instrument> instruments, Listener listener) {
		Map<Long, Long> ids = new LinkedHashMap<>();
		List<Subscribed> list = new ArrayList<>();
		for (Instrument instrument : instruments) {
			Segment segment = Segment.of(instrument);
			try {
				long key = DhanPackets.key(segment.code(), Long.parseLong(String.valueOf(instrument.brokerKey())));
				if (ids.put(key, instrument.id()) == null) {
					list.add(new Subscribed(segment, instrument.brokerKey()));
				}
			}
			catch (NumberFormatException e) {
				log.warn("dhan feed: {} has no security id ({}); left out, run instrumentSync", instrument,
						instrument.brokerKey());
			}
		}
		int connections = Math.max(1, (list.size() + PER_CONNECTION - 1) / PER_CONNECTION);
		if (open.addAndGet(connections) > CONNECTIONS) {
			open.addAndGet(-connections);
			throw new IllegalArgumentException("dhan feed: " + list.size() + " instruments need " + connections
					+ " connections, and Dhan allows " + CONNECTIONS + " per user (" + PER_CONNECTION
					+ " instruments each), " + open.get() + " already open: subscribe at most "
					+ (CONNECTIONS - open.get()) * PER_CONNECTION + " instruments");
		}
		List<Protocol> protocols = new ArrayList<>();
		for (int from = 0; from < Math.max(list.size(), 1); from += PER_CONNECTION) {
			protocols.add(new Protocol(list.subList(from, Math.min(from + PER_CONNECTION, list.size())), ids,
					protocols.size() + 1));
		}
		return FeedGroup.open(client, protocols, settings, listener, clock, () -> open.addAndGet(-connections));
	}

	private final class Protocol implements FeedProtocol {

		private final List<Subscribed> instruments;

		private final Map<Long, Long> ids;

		private final String name;

		Protocol(List<Subscribed> instruments, Map<Long, Long> ids, int number) {
			this.instruments = List.copyOf(instruments);
			this.ids = ids;
			this.name = "dhan feed " + number;
		}

		@Override
		public String name() {
			return name;
		}

		@Override
		public Request connectRequest() {
			BrokerCredentials credentials = token.get()
				.filter(c -> !c.accessToken().isBlank() && clientId != null && !clientId.isBlank())
				.orElseThrow(() -> new BrokerAuthException("dhan feed: no client id or access token; set "
						+ "MARKETBATCH_DHAN_CLIENT_ID and MARKETBATCH_DHAN_ACCESS_TOKEN"));
			HttpUrl withToken = url.newBuilder()
				.setQueryParameter("version", "2")
				.setQueryParameter("token", credentials.accessToken())
				.setQueryParameter("clientId", clientId)
				.setQueryParameter("authType", "2")
				.build();
			return new Request.Builder().url(withToken).build();
		}

		@Override
		public @Nullable BrokerAuthException upgradeRefused(int status) {
			// Dhan refuses a token with a disconnect packet; a 401 can only mean the same
			return status != 401 ? null : new BrokerAuthException(
					"dhan feed: the upgrade was refused with HTTP 401: set a new access token, then subscribe again");
		}

		@Override
		public void subscribe(WebSocket socket) {
			for (int from = 0; from < instruments.size(); from += PER_MESSAGE) {
				List<Map<String, String>> part = new ArrayList<>();
				for (Subscribed s : instruments.subList(from, Math.min(from + PER_MESSAGE, instruments.size()))) {
					part.add(Map.of("ExchangeSegment", s.segment().name(), "SecurityId", s.securityId()));
				}
				Map<String, Object> request = new LinkedHashMap<>();
				request.put("RequestCode", SUBSCRIBE_FULL);
				request.put("InstrumentCount", part.size());
				request.put("InstrumentList", part);
				socket.send(BrokerHttp.JSON.writeValueAsString(request));
			}
		}

		@Override
		public boolean heartbeats() {
			return false;
		}

		@Override
		public void onBinary(ByteString frame, Instant receivedAt, Consumer<Tick> ticks) {
			DhanPackets.read(frame.asByteBuffer(), ids, receivedAt, ticks);
		}

	}

}
