package io.marketbatch.support;

import io.marketbatch.market.Candle;
import io.marketbatch.market.LtpQuote;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;

/**
 * Upstox v3 as documented: ISIN keys with '|', newest-first candles with +05:30 offsets,
 * LTP keyed NSE_EQ:SYMBOL.
 */
public class FakeUpstox extends FakeBrokerServer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxxx");

	public FakeUpstox(Instant now) {
		super(now);
	}

	/** A made-up but ISIN-shaped key per symbol. */
	public static String key(String symbol) {
		return "NSE_EQ|INE" + String.format("%06d", Math.floorMod(symbol.hashCode(), 1_000_000)) + "A01";
	}

	static String symbolOf(String key) {
		return SYMBOLS.stream().filter(s -> key(s).equals(key)).findFirst().orElse(null);
	}

	@Override
	protected boolean isFile(RecordedRequest request) {
		return request.getUrl().encodedPath().endsWith(".json.gz");
	}

	@Override
	protected MockResponse rejected() {
		return new MockResponse.Builder().code(401)
			.body("{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI100050\",\"message\":\"Invalid token used to access API\",\"propertyPath\":null,\"invalidValue\":null,\"error_code\":\"UDAPI100050\",\"property_path\":null,\"invalid_value\":null}]}")
			.build();
	}

	/**
	 * Upstox's market-holidays answer, its wire shape: a trading holiday of NSE already
	 * seeded, a settlement holiday, a weekend holiday, and the Muhurat session of Sunday
	 * 2026-11-08 (18:00-19:00 IST) that the seed lacks.
	 */
	static final String HOLIDAYS = """
			{"status":"success","data":[
			{"date":"2026-11-10","description":"Diwali-Balipratipada","holiday_type":"TRADING_HOLIDAY",
			 "closed_exchanges":["NSE","NFO","CDS","BSE","BFO","BCD","MCX","NSCOM"],"open_exchanges":[]},
			{"date":"2026-11-18","description":"Settlement only","holiday_type":"SETTLEMENT_HOLIDAY",
			 "closed_exchanges":[],"open_exchanges":[]},
			{"date":"2026-08-15","description":"Independence Day","holiday_type":"TRADING_HOLIDAY",
			 "closed_exchanges":["NSE","BSE"],"open_exchanges":[]},
			{"date":"2026-11-08","description":"Diwali Laxmi Pujan","holiday_type":"TRADING_HOLIDAY",
			 "closed_exchanges":["CDS","BCD"],"open_exchanges":[
			  {"exchange":"NSE","start_time":%d,"end_time":%d},
			  {"exchange":"MCX","start_time":%d,"end_time":%d}]}
			]}""".formatted(ist("2026-11-08T18:00"), ist("2026-11-08T19:00"), ist("2026-11-08T18:00"),
			ist("2026-11-08T19:15"));

	private static long ist(String time) {
		return java.time.LocalDateTime.parse(time)
			.atZone(java.time.ZoneId.of("Asia/Kolkata"))
			.toInstant()
			.toEpochMilli();
	}

	@Override
	protected MockResponse answer(RecordedRequest request) {
		List<String> segments = request.getUrl().pathSegments();
		String path = String.join("/", segments);
		if (path.equals("NSE.json.gz")) {
			return gzip(master());
		}
		if (path.equals("v2/market/holidays")) {
			return json(HOLIDAYS);
		}
		if (path.equals("v3/market-quote/ltp")) {
			return ltp(request.getUrl().queryParameter("instrument_key"));
		}
		if (path.startsWith("v3/historical-candle/intraday/")) {
			String symbol = symbolOf(segments.get(3));
			if (symbol == null) {
				return invalidKey();
			}
			return candles(symbol, sim.intradayCandles(instrument(symbol)));
		}
		if (path.startsWith("v3/historical-candle/")) {
			String symbol = symbolOf(segments.get(2));
			if (symbol == null) {
				return invalidKey();
			}
			LocalDate to = LocalDate.parse(segments.get(5));
			LocalDate from = LocalDate.parse(segments.get(6));
			if (to.isAfter(from.plusMonths(1).minusDays(1))) {
				return new MockResponse.Builder().code(400)
					.body("{\"status\":\"error\",\"errors\":[{\"error_code\":\"UDAPI1148\",\"message\":\"Invalid date range\"}]}")
					.build();
			}
			return candles(symbol, sim.minuteCandles(instrument(symbol), from, to));
		}
		return new MockResponse.Builder().code(404).body("{\"status\":\"error\"}").build();
	}

	private static MockResponse invalidKey() {
		return new MockResponse.Builder().code(400)
			.body("{\"status\":\"error\",\"errors\":[{\"error_code\":\"UDAPI100011\",\"message\":\"Invalid Instrument key\"}]}")
			.build();
	}

	private MockResponse candles(String symbol, List<Candle> candles) {
		List<Candle> newestFirst = new ArrayList<>(candles);
		java.util.Collections.reverse(newestFirst);
		String rows = newestFirst.stream()
			.map(c -> "[\"" + TIME.format(c.ts().atOffset(ZoneOffset.ofHoursMinutes(5, 30))) + "\"," + plain(c.open())
					+ "," + plain(c.high()) + "," + plain(c.low()) + "," + plain(c.close()) + "," + c.volume() + ",0]")
			.collect(Collectors.joining(","));
		String body = "{\"status\":\"success\",\"data\":{\"candles\":[" + rows + "]}}";
		return json(truncatedSymbols.contains(symbol) ? truncate(body) : body);
	}

	private MockResponse ltp(String keys) {
		List<String> entries = new ArrayList<>();
		for (String key : URLDecoder.decode(keys, StandardCharsets.UTF_8).split(",")) {
			String symbol = symbolOf(key);
			if (symbol == null) {
				continue;
			}
			LtpQuote q = sim.lastPrices(List.of(instrument(symbol)), Instant.now()).get(0);
			entries.add("\"NSE_EQ:" + symbol + "\":{\"last_price\":" + plain(q.ltp()) + ",\"instrument_token\":\"" + key
					+ "\",\"ltq\":10,\"volume\":" + q.volume() + ",\"cp\":" + plain(q.prevClose()) + "}");
		}
		return json("{\"status\":\"success\",\"data\":{" + String.join(",", entries) + "}}");
	}

	private static String master() {
		List<String> rows = new ArrayList<>();
		for (String symbol : SYMBOLS) {
			String isin = key(symbol).substring("NSE_EQ|".length());
			rows.add("{\"segment\":\"NSE_EQ\",\"name\":\"" + symbol + " LTD\",\"exchange\":\"NSE\",\"isin\":\"" + isin
					+ "\",\"instrument_type\":\"EQ\",\"instrument_key\":\"" + key(symbol)
					+ "\",\"lot_size\":1,\"freeze_quantity\":100000.0,\"exchange_token\":\"2885\",\"tick_size\":5.0,"
					+ "\"trading_symbol\":\"" + symbol + "\",\"short_name\":\"" + symbol
					+ "\",\"security_type\":\"NORMAL\"}");
			rows.add("{\"weekly\":false,\"segment\":\"NSE_FO\",\"name\":\"" + symbol + "\",\"exchange\":\"NSE\","
					+ "\"expiry\":1798655399000,\"instrument_type\":\"FUT\",\"underlying_symbol\":\"" + symbol
					+ "\",\"instrument_key\":\"NSE_FO|" + Math.abs(symbol.hashCode() % 99999) + "\",\"lot_size\":250,"
					+ "\"underlying_key\":\"" + key(symbol) + "\",\"underlying_type\":\"EQUITY\",\"trading_symbol\":\""
					+ symbol + " FUT 29 DEC 26\",\"tick_size\":10.0,\"minimum_lot\":250}");
		}
		rows.add(
				"{\"weekly\":false,\"segment\":\"NSE_FO\",\"name\":\"NIFTY\",\"exchange\":\"NSE\",\"expiry\":1798655399000,"
						+ "\"instrument_type\":\"FUT\",\"underlying_symbol\":\"NIFTY\",\"instrument_key\":\"NSE_FO|35001\","
						+ "\"underlying_key\":\"NSE_INDEX|Nifty 50\",\"underlying_type\":\"INDEX\",\"trading_symbol\":\"NIFTY FUT 29 DEC 26\"}");
		rows.add("{\"segment\":\"NSE_INDEX\",\"name\":\"Nifty 50\",\"exchange\":\"NSE\",\"instrument_type\":\"INDEX\","
				+ "\"instrument_key\":\"NSE_INDEX|Nifty 50\",\"exchange_token\":\"26000\",\"trading_symbol\":\"NIFTY\"}");
		return "[" + String.join(",", rows) + "]";
	}

}
