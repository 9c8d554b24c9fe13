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
 * Dhan's live market feed v2 as documented: {@code ?version=2&token=..&clientId=..
 * &authType=2} on the upgrade, JSON text subscriptions, little-endian packets with an
 * 8-byte header built here byte by byte, and a disconnect packet (code 50) with a reason.
 */
public final class FakeDhanFeed extends Dispatcher implements AutoCloseable {

	public static final String CLIENT_ID = "1000000001";

	public static final String TOKEN = "dhan-jwt";

	private final MockWebServer server = new MockWebServer();

	public final AtomicInteger upgrades = new AtomicInteger();

	/** The text requests each accepted connection received. */
	public final List<List<String>> requests = new CopyOnWriteArrayList<>();

	public final List<WebSocket> sockets = new CopyOnWriteArrayList<>();

	public FakeDhanFeed() {
		server.setDispatcher(this);
		try {
			server.start();
		}
		catch (java.io.IOException e) {
			throw new IllegalStateException(e);
		}
	}

	public String url() {
		return server.url("/").toString().replaceFirst("^http", "ws");
	}

	@Override
	public MockResponse dispatch(RecordedRequest request) {
		upgrades.incrementAndGet();
		var url = request.getUrl();
		if (!"2".equals(url.queryParameter("version")) || !TOKEN.equals(url.queryParameter("token"))
				|| !CLIENT_ID.equals(url.queryParameter("clientId")) || !"2".equals(url.queryParameter("authType"))) {
			return new MockResponse.Builder().code(400).build();
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

	public WebSocket latest() {
		return sockets.get(sockets.size() - 1);
	}

	/** One binary frame of these packets, concatenated. */
	public void send(byte[]... packets) {
		int size = 0;
		for (byte[] p : packets) {
			size += p.length;
		}
		ByteBuffer out = ByteBuffer.allocate(size);
		for (byte[] p : packets) {
			out.put(p);
		}
		latest().send(ByteString.of(out.array()));
	}

	/** Dhan's disconnect packet, then the close. */
	public void disconnect(int reason) {
		ByteBuffer p = header(50, 10, 0, 0);
		p.putShort(8, (short) reason);
		latest().send(ByteString.of(p.array()));
		latest().close(1000, "disconnected");
	}

	/** A 162-byte full packet; {@code ltt} is Dhan's IST wall-clock seconds. */
	public static byte[] full(int segment, long securityId, float ltp, long ltt, long volume) {
		ByteBuffer p = header(8, 162, segment, securityId);
		p.putFloat(8, ltp).putShort(12, (short) 10).putInt(14, (int) ltt).putFloat(18, ltp - 1);
		p.putInt(22, (int) volume).putInt(26, 500).putInt(30, 700);
		p.putFloat(46, ltp - 10).putFloat(50, ltp - 5).putFloat(54, ltp + 10).putFloat(58, ltp - 20);
		return p.array();
	}

	/** A 16-byte ticker packet. */
	public static byte[] ticker(int segment, long securityId, float ltp, long ltt) {
		ByteBuffer p = header(2, 16, segment, securityId);
		p.putFloat(8, ltp).putInt(12, (int) ltt);
		return p.array();
	}

	/** A 16-byte previous-close packet. */
	public static byte[] previousClose(int segment, long securityId, float close) {
		ByteBuffer p = header(6, 16, segment, securityId);
		p.putFloat(8, close);
		return p.array();
	}

	private static ByteBuffer header(int code, int length, int segment, long securityId) {
		ByteBuffer p = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
		p.put(0, (byte) code).putShort(1, (short) length).put(3, (byte) segment).putInt(4, (int) securityId);
		return p;
	}

	@Override
	public void close() {
		server.close();
	}

}
