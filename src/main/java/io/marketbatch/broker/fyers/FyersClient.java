package io.marketbatch.broker.fyers;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerCredentials;
import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.BrokerLimits;
import io.marketbatch.broker.BrokerUnavailableException;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.TokenProvider;
import io.marketbatch.broker.http.BrokerHttp;
import io.marketbatch.broker.http.CandleArrays;
import io.marketbatch.broker.http.DerivedUniverses;
import io.marketbatch.broker.http.MasterFiles;
import io.marketbatch.broker.http.RateLimit;
import io.marketbatch.broker.http.RequestBudgets;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;
import io.marketbatch.market.TradingCalendar;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * Fyers API v3: {@code /data/history} 1-minute candles at most 100 days per request
 * (epoch seconds), {@code /data/quotes} for up to 50 symbols, and the NSE symbol masters
 * (NSE_CM for equities, NSE_FO for the futures that define F&O). One limit per app: 10/s,
 * 200/min. Codes -8, -15, -16, -17 are token rejections.
 */
public class FyersClient implements MarketDataSource {

	public static final String NAME = "fyers";

	/** History starts on 3 July 2017. */
	private static final BrokerLimits LIMITS = new BrokerLimits(50, Period.ofDays(100)).since(LocalDate.of(2017, 7, 3));

	private static final Set<Integer> AUTH_CODES = Set.of(-8, -15, -16, -17);

	private final HttpUrl base;

	private final HttpUrl equitiesUrl;

	private final HttpUrl futuresUrl;

	private final @Nullable String appId;

	private final TokenProvider token;

	private final BrokerHttp http;

	private final Clock clock;

	/**
	 * Fyers counts every endpoint of an app against one limit, and blocks the account for
	 * the day at the third per-minute breach: after a 429 nothing for a minute, after two
	 * nothing until the next day.
	 */
	private final RateLimit api;

	private volatile Map<String, List<String>> universes;

	public FyersClient(String baseUrl, String instrumentsUrl, String appId, String accessToken, Duration timeout,
			Clock clock) {
		this(baseUrl, instrumentsUrl, appId, TokenProvider.fixed(NAME, accessToken, null), timeout, clock);
	}

	/** Asks {@code token} on every request, so a renewed token needs no restart. */
	public FyersClient(String baseUrl, String instrumentsUrl, @Nullable String appId, TokenProvider token,
			Duration timeout, Clock clock) {
		this(baseUrl, instrumentsUrl, appId, token, timeout, clock, RequestBudgets.inProcess());
	}

	/** Spends the budget of the app {@code appId}. */
	public FyersClient(String baseUrl, String instrumentsUrl, @Nullable String appId, TokenProvider token,
			Duration timeout, Clock clock, RequestBudgets budgets) {
		this.api = budgets.candleLimit(NAME, "fyers", appId, new RateLimit.Penalty(Duration.ofMinutes(1), 2),
				RateLimit.perSecond(10), RateLimit.perMinute(200), RateLimit.per(100_000, Duration.ofDays(1)));
		this.base = BrokerHttp.base(baseUrl);
		this.equitiesUrl = BrokerHttp.base(instrumentsUrl);
		this.futuresUrl = BrokerHttp.base(instrumentsUrl.replace("NSE_CM", "NSE_FO"));
		this.appId = appId;
		this.token = token;
		this.http = new BrokerHttp(NAME,
				() -> credentials().map(t -> Map.of("Authorization", appId + ":" + t)).orElse(Map.of()),
				FyersClient::classify, timeout);
		this.clock = clock;
	}

	/** The access token to send, when there is an app id to send it with. */
	private Optional<String> credentials() {
		return (appId == null || appId.isBlank()) ? Optional.empty() : token.get().map(BrokerCredentials::accessToken);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public BrokerLimits limits() {
		return LIMITS;
	}

	static @Nullable BrokerException classify(int status, @Nullable JsonNode body, String what) {
		int code = body == null ? 0 : body.path("code").asInt(0);
		String message = body == null ? "" : body.path("message").asString("");
		if (AUTH_CODES.contains(code) || status == 401) {
			return new BrokerAuthException("fyers rejected the access token (code " + code
					+ (message.isEmpty() ? "" : ": " + message) + ") on " + what + ". Log in again and set "
					+ "MARKETBATCH_FYERS_ACCESS_TOKEN (or marketbatch.fyers.access-token), then restart the run.");
		}
		if (code == -429 || status == 429) {
			return new BrokerUnavailableException("fyers: rate limited on " + what);
		}
		if (code != 0 && status < 500) {
			return new BrokerDataException("fyers: code " + code + " " + message + " on " + what);
		}
		return null;
	}

	/** Fyers answers errors with HTTP 200 too: {"s":"error","code":-8,...}. */
	private JsonNode checked(JsonNode body, String what) {
		if ("error".equals(body.path("s").asString(""))) {
			BrokerException e = classify(200, body, what);
			throw e != null ? e
					: new BrokerDataException("fyers: " + body.path("message").asString("error") + " on " + what);
		}
		return body;
	}

	/** One quote of the NIFTY 50 index: the cheapest authenticated call. */
	@Override
	public void checkToken() {
		requireCredentials("token check");
		HttpUrl url = base.newBuilder()
			.addPathSegments("data/quotes")
			.addQueryParameter("symbols", "NSE:NIFTY50-INDEX")
			.build();
		http.get(url, api, "token check (quote of NIFTY 50)");
	}

	private void requireCredentials(String what) {
		if (credentials().isEmpty()) {
			throw new BrokerAuthException("fyers: no app id or access token for " + what
					+ "; set MARKETBATCH_FYERS_APP_ID and MARKETBATCH_FYERS_ACCESS_TOKEN");
		}
	}

	static String ticker(Instrument instrument) {
		return instrument.brokerKey() != null ? instrument.brokerKey()
				: instrument.exchange() + ":" + instrument.symbol() + "-EQ";
	}

	@Override
	public List<LtpQuote> lastPrices(List<Instrument> instruments, Instant minute) {
		LIMITS.requireBatch(NAME, instruments.size());
		requireCredentials("quotes");
		Map<String, Instrument> byTicker = new LinkedHashMap<>();
		instruments.forEach(i -> byTicker.put(ticker(i), i));
		String symbols = byTicker.keySet().stream().map(BrokerHttp::encode).collect(Collectors.joining(","));
		HttpUrl url = base.newBuilder()
			.addPathSegments("data/quotes")
			.addEncodedQueryParameter("symbols", symbols)
			.build();
		String what = "quotes of " + instruments.size() + " symbols";
		JsonNode body = checked(http.get(url, api, what), what);
		List<LtpQuote> quotes = new ArrayList<>();
		for (JsonNode d : body.path("d")) {
			Instrument instrument = byTicker.get(d.path("n").asString(""));
			JsonNode v = d.path("v");
			if (instrument == null || !"ok".equals(d.path("s").asString("ok")) || !v.path("lp").isNumber()) {
				continue;
			}
			BigDecimal previous = v.path("prev_close_price").isNumber() ? v.get("prev_close_price").decimalValue()
					: null;
			quotes.add(new LtpQuote(instrument.id(), minute, v.get("lp").decimalValue(),
					v.path("volume").isNumber() ? v.get("volume").asLong() : null,
					v.path("ch").isNumber() ? v.get("ch").decimalValue() : null,
					v.path("chp").isNumber() ? v.get("chp").decimalValue() : null, previous, tradedAt(v.path("tt"))));
		}
		return quotes;
	}

	/**
	 * The exchange time of the quote, {@code tt} in epoch seconds (a number or a numeric
	 * string); absent when missing or unreadable.
	 */
	private static @Nullable Instant tradedAt(JsonNode tt) {
		String text = tt.asString("").trim();
		if (!text.matches("\\d{1,12}")) {
			return null;
		}
		long seconds = Long.parseLong(text);
		return seconds > 0 ? Instant.ofEpochSecond(seconds) : null;
	}

	@Override
	public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
		LIMITS.requireRange(NAME, from, to);
		return history(instrument, from, to);
	}

	@Override
	public List<Candle> intradayCandles(Instrument instrument) {
		LocalDate today = LocalDate.now(clock.withZone(TradingCalendar.IST));
		return history(instrument, today, today);
	}

	private List<Candle> history(Instrument instrument, LocalDate from, LocalDate to) {
		requireCredentials("history");
		HttpUrl url = base.newBuilder()
			.addPathSegments("data/history")
			.addEncodedQueryParameter("symbol", BrokerHttp.encode(ticker(instrument)))
			.addQueryParameter("resolution", "1")
			.addQueryParameter("date_format", "1")
			.addQueryParameter("range_from", from.toString())
			.addQueryParameter("range_to", to.toString())
			.addQueryParameter("cont_flag", "1")
			.build();
		String what = "1m candles " + instrument.symbol() + " " + from + ".." + to;
		JsonNode body = checked(http.get(url, api, what), what);
		if ("no_data".equals(body.path("s").asString("")) || body.path("candles").isMissingNode()) {
			return List.of();
		}
		return CandleArrays.parse(body.get("candles"), instrument, NAME);
	}

	/**
	 * The symbol masters have no header line; columns: 0 Fytoken, 1 symbol details, 2
	 * instrument type, 3 lot size, 4 tick size, 5 ISIN, ..., 9 ticker (NSE:SBIN-EQ), ...,
	 * 13 underlying symbol.
	 */
	@Override
	public List<MasterInstrument> instrumentMaster() {
		List<MasterInstrument> equities = new ArrayList<>();
		read(equitiesUrl, row -> {
			if (row.length > 9 && row[9].startsWith("NSE:") && row[9].endsWith("-EQ")) {
				String symbol = row[9].substring(4, row[9].length() - 3);
				equities.add(new MasterInstrument("NSE", symbol, row[5].isBlank() ? null : row[5], row[1], "EQ",
						MasterFiles.integer(row[3]), MasterFiles.decimal(row[4]), row[9], null));
			}
		});
		Set<String> futures = new HashSet<>();
		// NSE_FO lists every option too: stream it, keep only the futures' underlyings
		read(futuresUrl, row -> {
			if (row.length > 13 && row[9].endsWith("FUT") && !row[13].isBlank()) {
				futures.add(row[13]);
			}
		});
		universes = DerivedUniverses.of(futures, equities);
		return equities;
	}

	private void read(HttpUrl url, Consumer<String[]> rows) {
		try (InputStream in = http.download(url, api, "symbol master " + url.encodedPath(), false);
				MappingIterator<String[]> it = MasterFiles.withoutHeader(in)) {
			while (it.hasNext()) {
				rows.accept(it.next());
			}
		}
		catch (IOException | JacksonException e) {
			throw new BrokerUnavailableException("fyers: cannot read the symbol master: " + e.getMessage(), e);
		}
	}

	@Override
	public Map<String, List<String>> universes() {
		if (universes == null) {
			instrumentMaster();
		}
		return universes;
	}

}
