package io.marketbatch.support;

import io.marketbatch.market.Candle;
import io.marketbatch.market.LtpQuote;

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
 * Kite Connect v3 as its own mocks show it: instrument tokens, oldest-first candles with
 * +0530, the instruments CSV.
 */
public class FakeKite extends FakeBrokerServer {

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssxx");

	public FakeKite(Instant now) {
		super(now);
	}

	public static String token(String symbol) {
		return String.valueOf(100_000 + Math.floorMod(symbol.hashCode(), 900_000));
	}

	static String symbolOf(String token) {
		return SYMBOLS.stream().filter(s -> token(s).equals(token)).findFirst().orElse(null);
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
				if (!SYMBOLS.contains(symbol)) {
					continue;
				}
				LtpQuote q = sim.lastPrices(List.of(instrument(symbol)), Instant.now()).get(0);
				entries.add("\"" + name + "\":{\"instrument_token\":" + token(symbol) + ",\"last_price\":"
						+ plain(q.ltp()) + "}");
			}
			return json("{\"status\":\"success\",\"data\":{" + String.join(",", entries) + "}}");
		}
		if (path.startsWith("instruments/historical/")) {
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
			List<Candle> candles = new ArrayList<>();
			for (LocalDate start = from; !start.isAfter(to); start = start.plusMonths(1)) {
				LocalDate end = start.plusMonths(1).minusDays(1).isAfter(to) ? to : start.plusMonths(1).minusDays(1);
				candles.addAll(sim.minuteCandles(instrument(symbol), start, end));
			}
			String rows = candles.stream()
				.map(c -> "[\"" + TIME.format(c.ts().atOffset(ZoneOffset.ofHoursMinutes(5, 30))) + "\","
						+ plain(c.open()) + "," + plain(c.high()) + "," + plain(c.low()) + "," + plain(c.close()) + ","
						+ c.volume() + "]")
				.collect(Collectors.joining(","));
			String body = "{\"status\":\"success\",\"data\":{\"candles\":[" + rows + "]}}";
			return json(truncatedSymbols.contains(symbol) ? truncate(body) : body);
		}
		return new MockResponse.Builder().code(404)
			.body("{\"status\":\"error\",\"error_type\":\"GeneralException\"}")
			.build();
	}

	private static String csv() {
		StringBuilder csv = new StringBuilder(
				"instrument_token,exchange_token,tradingsymbol,name,last_price,expiry,strike,tick_size,lot_size,instrument_type,segment,exchange\n");
		for (String symbol : SYMBOLS) {
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
