package io.marketbatch.support;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
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
 * Kite's ticker as documented: {@code ?api_key=..&access_token=..} on the upgrade (HTTP
 * 403 when the token is not the current one), JSON text requests, and binary frames of
 * big-endian packets built here byte by byte (int16 count, int16 length + body each).
 */
public final class FakeKiteTicker extends Dispatcher implements AutoCloseable {

	public static final String API_KEY = "kite_api_key";

	public static final String TOKEN = "kite_access_token";

	private final MockWebServer server = new MockWebServer();

	/** Upgrade requests, refused ones included. */
	public final AtomicInteger upgrades = new AtomicInteger();

	/** The text requests each accepted connection received, in order. */
	public final List<List<String>> requests = new CopyOnWriteArrayList<>();

	/** The open server side of each accepted connection. */
	public final List<WebSocket> sockets = new CopyOnWriteArrayList<>();

	/** The token Kite accepts; another one gets HTTP 403 on the upgrade. */
	public volatile String validToken = TOKEN;

	/** Every upgrade fails with HTTP 503 (Kite down). */
	public volatile boolean down;

	public FakeKiteTicker() {
		server.setDispatcher(this);
		try {
			server.start();
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	/** The ticker's URL, ws:// (the client adds api_key and access_token). */
	public String url() {
		return server.url("/").toString().replaceFirst("^http", "ws");
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		upgrades.incrementAndGet();
		if (!validToken.equals(request.getUrl().queryParameter("access_token"))
				|| !API_KEY.equals(request.getUrl().queryParameter("api_key"))) {
			return new MockResponse.Builder().code(403).body("Forbidden").build();
		}
		if (down) {
			return new MockResponse.Builder().code(503).body("Service Unavailable").build();
		}
		List<String> received = new CopyOnWriteArrayList<>();
		requests.add(received);
		return new MockResponse.Builder().webSocketUpgrade(new WebSocketListener() {

			@Override
			public void onOpen(WebSocket webSocket, okhttp3.Response response) {
				sockets.add(webSocket);
			}

			@Override
			public void onMessage(WebSocket webSocket, String text) {
				received.add(text);
			}

			@Override
			public void onClosing(WebSocket webSocket, int code, String reason) {
				webSocket.close(1000, null);
			}

		}).build();
	}

	/** The newest connection's server side. */
	public WebSocket latest() {
		return sockets.get(sockets.size() - 1);
	}

	/** One binary frame of these packets on the newest connection. */
	public void send(byte[]... packets) {
		latest().send(frame(packets));
	}

	/** Kite's 1-byte heartbeat. */
	public void heartbeat() {
		latest().send(ByteString.of((byte) 0));
	}

	/**
	 * Ends the newest connection from the server's side, as Kite does when its end
	 * restarts (a server-side socket cannot be cancelled in OkHttp).
	 */
	public void drop() {
		latest().close(1011, "server restarting");
	}

	public static ByteString frame(byte[]... packets) {
		int size = 2;
		for (byte[] p : packets) {
			size += 2 + p.length;
		}
		ByteBuffer out = ByteBuffer.allocate(size).order(ByteOrder.BIG_ENDIAN);
		out.putShort((short) packets.length);
		for (byte[] p : packets) {
			out.putShort((short) p.length).put(p);
		}
		return ByteString.of(out.array());
	}

	/** A 184-byte full packet: depth left empty. */
	public static byte[] full(long token, int lastPrice, long volume, long lastTradeTime, long exchangeTime) {
		ByteBuffer p = quoteBody(184, token, lastPrice, volume);
		p.putInt(44, (int) lastTradeTime);
		p.putInt(60, (int) exchangeTime);
		return p.array();
	}

	/** A 44-byte quote packet: no times. */
	public static byte[] quote(long token, int lastPrice, long volume) {
		return quoteBody(44, token, lastPrice, volume).array();
	}

	/** An 8-byte LTP packet. */
	public static byte[] ltp(long token, int lastPrice) {
		return ByteBuffer.allocate(8).putInt((int) token).putInt(lastPrice).array();
	}

	/** A 32-byte index full packet with its exchange timestamp at offset 28. */
	public static byte[] indexFull(long token, int lastPrice, long exchangeTime) {
		ByteBuffer p = ByteBuffer.allocate(32).putInt(0, (int) token).putInt(4, lastPrice);
		p.putInt(8, lastPrice + 100).putInt(12, lastPrice - 100).putInt(16, lastPrice).putInt(20, lastPrice - 50);
		p.putInt(28, (int) exchangeTime);
		return p.array();
	}

	private static ByteBuffer quoteBody(int length, long token, int lastPrice, long volume) {
		ByteBuffer p = ByteBuffer.allocate(length).order(ByteOrder.BIG_ENDIAN);
		p.putInt(0, (int) token).putInt(4, lastPrice).putInt(8, 25).putInt(12, lastPrice - 3);
		p.putInt(16, (int) volume).putInt(20, 1000).putInt(24, 2000);
		p.putInt(28, lastPrice - 500)
			.putInt(32, lastPrice + 700)
			.putInt(36, lastPrice - 900)
			.putInt(40, lastPrice - 200);
		return p;
	}

	@Override
	public void close() {
		server.close();
	}

}
