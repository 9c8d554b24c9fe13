package io.marketbatch.support;

import io.marketbatch.market.Candle;
import io.marketbatch.market.LtpQuote;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.zip.GZIPOutputStream;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * Kite Connect v3 as its own mocks show it: instrument tokens, oldest-first candles with
 * +0530, the instruments CSV. With {@link #historicalPerSecond} set it enforces Kite's
 * historical limit as a sliding window: a request that is the N+1-th to arrive within one
 * second (refused ones included) is answered 429 {@code NetworkException "Too many
 * requests"}, as Kite does.
 */
public class FakeKite extends FakeBrokerServer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx");

	private static final long SECOND = 1_000_000_000L;

	private final List<String> symbols;

	/** Historical requests allowed in any one second; 0: no limit. */
	public volatile int historicalPerSecond;

	/** Arrival of every historical request (System.nanoTime). */
	public final List<Long> historicalArrivals = new CopyOnWriteArrayList<>();

	/** Historical requests answered 429 for the limit. */
	public final AtomicInteger tooManyRequests = new AtomicInteger();

	/** Per api_key (Kite's limits are per app): the arrivals of the last second. */
	private final Map<String, Deque<Long>> lastSecond = new HashMap<>();

	/** Answers built ahead (gzipped, as OkHttp accepts), by "symbol from to". */
	private final Map<String, byte[]> prepared = new ConcurrentHashMap<>();

	public FakeKite(Instant now) {
		this(now, SYMBOLS);
	}

	/** Serving these symbols (any names: the simulator prices every symbol). */
	public FakeKite(Instant now, List<String> symbols) {
		super(now);
		this.symbols = List.copyOf(symbols);
	}

	public static String token(String symbol) {
		return String.valueOf(100_000 + Math.floorMod(symbol.hashCode(), 900_000));
	}

	String symbolOf(String token) {
		return symbols.stream().filter(s -> token(s).equals(token)).findFirst().orElse(null);
	}

	@Override
	protected boolean isFile(RecordedRequest request) {
		return request.getUrl().encodedPath().equals("/instruments");
	}

	@Override
	protected MockResponse rejected() {
		return new MockResponse.Builder().code(403)
			.body("{\"status\":\"error\",\"message\":\"Incorrect `api_key` or `access_token`.\",\"data\":null,\"error_type\":\"TokenException\"}")
			.build();
	}

	@Override
	protected MockResponse answer(RecordedRequest request) {
		List<String> segments = request.getUrl().pathSegments();
		String path = String.join("/", segments);
		if (path.equals("instruments")) {
			return new MockResponse.Builder().code(200).body(csv()).build();
		}
		if (path.equals("quote/ltp")) {
			List<String> entries = new ArrayList<>();
			for (String name : request.getUrl().queryParameterValues("i")) {
				String symbol = name.substring(name.indexOf(':') + 1);
				if (!symbols.contains(symbol)) {
					continue;
				}
				LtpQuote q = sim.lastPrices(List.of(instrument(symbol)), Instant.now()).get(0);
				entries.add("\"" + name + "\":{\"instrument_token\":" + token(symbol) + ",\"last_price\":"
						+ plain(q.ltp()) + "}");
			}
			return json("{\"status\":\"success\",\"data\":{" + String.join(",", entries) + "}}");
		}
		if (path.startsWith("instruments/historical/")) {
			if (overLimit(request.getHeaders().get("Authorization"))) {
				tooManyRequests.incrementAndGet();
				return new MockResponse.Builder().code(429)
					.body("{\"status\":\"error\",\"message\":\"Too many requests\",\"data\":null,\"error_type\":\"NetworkException\"}")
					.build();
			}
			String symbol = symbolOf(segments.get(2));
			if (symbol == null) {
				return new MockResponse.Builder().code(400)
					.body("{\"status\":\"error\",\"message\":\"invalid token\",\"error_type\":\"InputException\"}")
					.build();
			}
			LocalDate from = LocalDate.parse(request.getUrl().queryParameter("from").substring(0, 10));
			LocalDate to = LocalDate.parse(request.getUrl().queryParameter("to").substring(0, 10));
			if (to.isAfter(from.plusDays(59))) {
				return new MockResponse.Builder().code(400)
					.body("{\"status\":\"error\",\"message\":\"interval exceeds max limit: 60 days\",\"error_type\":\"InputException\"}")
					.build();
			}
			byte[] gzipped = prepared.get(symbol + " " + from + " " + to);
			if (gzipped != null && !truncatedSymbols.contains(symbol)) {
				return new MockResponse.Builder().code(200)
					.setHeader("Content-Type", "application/json")
					.setHeader("Content-Encoding", "gzip")
					.body(new Buffer().write(gzipped))
					.build();
			}
			String body = historicalBody(symbol, from, to);
			return json(truncatedSymbols.contains(symbol) ? truncate(body) : body);
		}
		return new MockResponse.Builder().code(404)
			.body("{\"status\":\"error\",\"error_type\":\"GeneralException\"}")
			.build();
	}

	/**
	 * Builds and keeps the answer to a historical request ahead (a benchmark measures the
	 * client, not the fake's candle generation).
	 */
	public void prepareHistorical(String symbol, LocalDate from, LocalDate to) {
		prepared.computeIfAbsent(symbol + " " + from + " " + to, k -> {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
				out.write(historicalBody(symbol, from, to).getBytes(StandardCharsets.UTF_8));
			}
			catch (IOException e) {
				throw new UncheckedIOException(e);
			}
			return bytes.toByteArray();
		});
	}

	private String historicalBody(String symbol, LocalDate from, LocalDate to) {
		List<Candle> candles = new ArrayList<>();
		for (LocalDate start = from; !start.isAfter(to); start = start.plusMonths(1)) {
			LocalDate end = start.plusMonths(1).minusDays(1).isAfter(to) ? to : start.plusMonths(1).minusDays(1);
			candles.addAll(sim.minuteCandles(instrument(symbol), start, end));
		}
		String rows = candles.stream()
			.map(c -> "[\"" + TIME.format(c.ts().atOffset(ZoneOffset.ofHoursMinutes(5, 30))) + "\"," + plain(c.open())
					+ "," + plain(c.high()) + "," + plain(c.low()) + "," + plain(c.close()) + "," + c.volume() + "]")
			.collect(Collectors.joining(","));
		return "{\"status\":\"success\",\"data\":{\"candles\":[" + rows + "]}}";
	}

	/**
	 * Records the arrival; true when it makes more than the limit of its api_key within
	 * one second.
	 */
	private boolean overLimit(String authorization) {
		long now = System.nanoTime();
		historicalArrivals.add(now);
		int limit = historicalPerSecond;
		String apiKey = authorization == null ? "" : authorization.replaceFirst("^token ([^:]*):.*$", "$1");
		synchronized (lastSecond) {
			Deque<Long> arrivals = lastSecond.computeIfAbsent(apiKey, k -> new ArrayDeque<>());
			arrivals.addLast(now);
			while (now - arrivals.peekFirst() >= SECOND) {
				arrivals.removeFirst();
			}
			return limit > 0 && arrivals.size() > limit;
		}
	}

	private String csv() {
		StringBuilder csv = new StringBuilder(
				"instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange\n");
		for (String symbol : symbols) {
			csv.append(token(symbol))
				.append(",1234,")
				.append(symbol)
				.append(",\"")
				.append(symbol)
				.append(" LIMITED, INDIA\",0.0,,0.0,0.05,1,EQ,NSE,NSE\n");
			csv.append("9")
				.append(token(symbol))
				.append(",5678,")
				.append(symbol.replace("&", ""))
				.append("26DECFUT,")
				.append(symbol)
				.append(",0.0,2026-12-29,0.0,0.1,250,FUT,NFO-FUT,NFO\n");
		}
		csv.append("13368834,52222,NIFTY26DECFUT,NIFTY,0.0,2026-12-29,0.0,0.1,75,FUT,NFO-FUT,NFO\n");
		return csv.toString();
	}

}
