package io.marketbatch.support;

import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.FeedResponse;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.WebSocket;
import okhttp3.WebSocketListener;
import okio.ByteString;

/**
 * Upstox's Market Data Feed V3 as documented: {@code GET
 * /v3/feed/market-data-feed/authorize} with the Bearer token answers a single-use
 * {@code authorized_redirect_uri} (a reused one gets HTTP 403 on the upgrade), requests
 * arrive as binary frames of JSON, and the server sends protobuf {@code FeedResponse}s,
 * built here with protobuf-java.
 */
public final class FakeUpstoxFeed extends Dispatcher implements AutoCloseable {

	public static final String TOKEN = "upstox_access_token";

	private final MockWebServer server = new MockWebServer();

	public final AtomicInteger authorizations = new AtomicInteger();

	public final AtomicInteger upgrades = new AtomicInteger();

	/** The codes of the URLs handed out, in order. */
	public final List<String> codes = new CopyOnWriteArrayList<>();

	private final Set<String> used = ConcurrentHashMap.newKeySet();

	/** The requests each accepted connection received (binary frames, as text). */
	public final List<List<String>> requests = new CopyOnWriteArrayList<>();

	/** Requests that came as text frames, which Upstox does not read. */
	public final List<String> textRequests = new CopyOnWriteArrayList<>();

	public final List<WebSocket> sockets = new CopyOnWriteArrayList<>();

	/** The token Upstox accepts on the authorization. */
	public volatile String validToken = TOKEN;

	/** When set, every upgrade gets this HTTP status. */
	public volatile int upgradeStatus;

	public FakeUpstoxFeed() {
		server.setDispatcher(this);
		try {
			server.start();
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The API's base URL (http). */
	public String url() {
		return server.url("/").toString();
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		String path = request.getUrl().encodedPath();
		if (path.equals("/v3/feed/market-data-feed/authorize")) {
			authorizations.incrementAndGet();
			if (!("Bearer " + validToken).equals(request.getHeaders().get("Authorization"))) {
				return new MockResponse.Builder().code(401)
					.body("{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI100050\",\"message\":\"Invalid token used to access API\",\"error_code\":\"UDAPI100050\"}]}")
					.build();
			}
			String code = "c" + codes.size();
			codes.add(code);
			String uri = server.url("/v3/feed/market-data-feed").toString().replaceFirst("^http", "ws") + "?code="
					+ code;
			return new MockResponse.Builder().code(200)
				.body("{\"status\":\"success\",\"data\":{\"authorizedRedirectUri\":\"" + uri
						+ "\",\"authorized_redirect_uri\":\"" + uri + "\"}}")
				.build();
		}
		if (path.equals("/v3/feed/market-data-feed")) {
			upgrades.incrementAndGet();
			String code = request.getUrl().queryParameter("code");
			if (upgradeStatus != 0) {
				return new MockResponse.Builder().code(upgradeStatus).build();
			}
			if (code == null || !codes.contains(code) || !used.add(code)) {
				return new MockResponse.Builder().code(403).build();
			}
			List<String> received = new CopyOnWriteArrayList<>();
			requests.add(received);
			return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {

				@Override
				public void onOpen(WebSocket webSocket, okhttp3.Response response) {
					sockets.add(webSocket);
				}

				@Override
				public void onMessage(WebSocket webSocket, ByteString bytes) {
					received.add(bytes.utf8());
				}

				@Override
				public void onMessage(WebSocket webSocket, String text) {
					textRequests.add(text);
				}

				@Override
				public void onClosing(WebSocket webSocket, int code, String reason) {
					webSocket.close(1000, null);
				}

			}).build();
		}
		return new MockResponse.Builder().code(404).build();
	}

	/** One FeedResponse on the newest connection. */
	public void send(FeedResponse response) {
		sockets.get(sockets.size() - 1).send(ByteString.of(response.toByteArray()));
	}

	/** Ends the newest connection from the server's side. */
	public void drop() {
		sockets.get(sockets.size() - 1).close(1011, "server restarting");
	}

	@Override
	public void close() {
		server.close();
	}

}
