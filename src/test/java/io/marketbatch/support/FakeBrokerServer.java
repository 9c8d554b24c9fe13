package io.marketbatch.support;

import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.broker.sim.SimTrading;
import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;
import java.util.zip.GZIPOutputStream;

import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okio.Buffer;

/**
 * A local stand-in for a broker's REST API in its real wire format, serving the simulated
 * market's candles, with faults to inject: transient errors for the next requests, a
 * truncated payload for one symbol, a rejected token. Records every request with its
 * arrival time.
 */
public abstract class FakeBrokerServer extends Dispatcher implements AutoCloseable {

	public static final List<String> SYMBOLS = List.of("INFY", "M&M", "RELIANCE", "TCS");

	protected final SimulatedBroker sim;

	private final MockWebServer server = new MockWebServer();

	public final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	public final List<Instant> arrivals = new CopyOnWriteArrayList<>();

	/** The next N requests answer with this status (429, 500, ...). */
	public final AtomicInteger failNext = new AtomicInteger();

	public volatile int failStatus = 429;

	public volatile boolean rejectToken;

	public final Set<String> truncatedSymbols = ConcurrentHashMap.newKeySet();

	/**
	 * How late the server reads the n-th request (from 1): a busy broker, whose clock
	 * counts a request when it gets to it, not when it was sent.
	 */
	public volatile IntFunction<Duration> readLate = n -> Duration.ZERO;

	private final AtomicInteger dispatched = new AtomicInteger();

	/** The symbol that does not trade in every minute. */
	public static final String SPARSE = "M&M";

	protected FakeBrokerServer(Instant now) {
		Clock clock = Clock.fixed(now, ZoneOffset.UTC);
		// a real broker sends no candle for a minute without trades: M&M misses a fifth
		// of
		// its minutes here, the others none
		this.sim = new SimulatedBroker(TestCalendars::nse, clock, new SimFaults(clock, Duration.ZERO, 0, null, null, 1),
				SimTrading.parse(SPARSE + ":0.2", Duration.ZERO, Duration.ZERO, List.of()));
		server.setDispatcher(this);
		try {
			server.start();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	public String url() {
		String url = server.url("/").toString();
		return url.substring(0, url.length() - 1);
	}

	@Override
	public final MockResponse dispatch(RecordedRequest request) {
		Duration late = readLate.apply(dispatched.incrementAndGet());
		if (!late.isZero()) {
			LockSupport.parkNanos(late.toNanos());
		}
		requests.add(request);
		arrivals.add(Instant.now());
		if (rejectToken && !isFile(request)) {
			return rejected();
		}
		if (failNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
			return new MockResponse.Builder().code(failStatus).body("{\"status\":\"error\"}").build();
		}
		return answer(request);
	}

	protected abstract boolean isFile(RecordedRequest request);

	protected abstract MockResponse rejected();

	protected abstract MockResponse answer(RecordedRequest request);

	/** The simulated market's candles for a symbol, as the fake serves them. */
	public List<Candle> candles(String symbol, LocalDate from, LocalDate to) {
		List<Candle> all = new ArrayList<>();
		for (LocalDate start = from; !start.isAfter(to); start = start.plusMonths(1)) {
			LocalDate end = start.plusMonths(1).minusDays(1).isAfter(to) ? to : start.plusMonths(1).minusDays(1);
			all.addAll(sim.minuteCandles(instrument(symbol), start, end));
		}
		return all;
	}

	protected static Instrument instrument(String symbol) {
		return new Instrument(0, "NSE", symbol, null, null, "EQ", null);
	}

	protected static MockResponse json(String body) {
		return new MockResponse.Builder().code(200).setHeader("Content-Type", "application/json").body(body).build();
	}

	protected static MockResponse gzip(String body) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
			out.write(body.getBytes(StandardCharsets.UTF_8));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		return new MockResponse.Builder().code(200)
			.setHeader("Content-Type", "application/gzip")
			.body(new Buffer().write(bytes.toByteArray()))
			.build();
	}

	protected static String truncate(String body) {
		return body.substring(0, body.length() / 2);
	}

	protected static String plain(BigDecimal value) {
		return value.stripTrailingZeros().toPlainString();
	}

	protected static List<String> futuresUnderlyings() {
		List<String> list = new ArrayList<>(SYMBOLS);
		Collections.sort(list);
		return list;
	}

	protected static boolean isIndex(String name) {
		return !BuiltInUniverses.symbols(BuiltInUniverses.FNO).contains(name);
	}

	@Override
	public void close() {
		server.close();
	}

}
