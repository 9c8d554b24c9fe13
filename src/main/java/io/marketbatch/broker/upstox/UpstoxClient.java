package io.marketbatch.broker.upstox;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerCredentials;
import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.BrokerLimits;
import io.marketbatch.broker.BrokerUnavailableException;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.MarketFeed;
import io.marketbatch.broker.TokenProvider;
import io.marketbatch.broker.http.BrokerHttp;
import io.marketbatch.broker.http.CandleArrays;
import io.marketbatch.broker.http.DerivedUniverses;
import io.marketbatch.broker.http.FeedSettings;
import io.marketbatch.broker.http.MasterFiles;
import io.marketbatch.broker.http.RateLimit;
import io.marketbatch.broker.http.RequestBudgets;
import io.marketbatch.market.CalendarException;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;

import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

import okhttp3.HttpUrl;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * Upstox API v3: LTP in calls of 500 keys (answers are keyed {@code NSE_EQ:SYMBOL}, so
 * they are mapped back through {@code instrument_token}), 1-minute history at most one
 * month per request (newest first, {@code +05:30}), today's intraday candles, and the NSE
 * instrument file, from whose live stock futures the F&O universe is derived. Limits per
 * account: 50/s, 500/min, 2000 per 30 min. A 401 or UDAPI100050 is a rejected token. The
 * master gives tick sizes in paise, stored in rupees.
 */
public class UpstoxClient implements MarketDataSource {

	public static final String NAME = "upstox";

	/** v3 minute candles start in January 2022. */
	private static final BrokerLimits LIMITS = new BrokerLimits(500, Period.ofMonths(1)).since(LocalDate.of(2022, 1, 1))
		// intraday candles lag real time by 2-3 minutes (upstox-python #104)
		.settling(Duration.ofMinutes(3));

	private final HttpUrl base;

	private final HttpUrl instrumentsUrl;

	private final TokenProvider token;

	private final BrokerHttp http;

	private final RateLimit api;

	private final RateLimit files;

	private final UpstoxFeed feed;

	private volatile Map<String, List<String>> universes;

	public UpstoxClient(String baseUrl, String instrumentsUrl, String accessToken, Duration timeout) {
		this(baseUrl, instrumentsUrl, TokenProvider.fixed(NAME, accessToken, null), timeout);
	}

	/** Asks {@code token} on every request, so a renewed token needs no restart. */
	public UpstoxClient(String baseUrl, String instrumentsUrl, TokenProvider token, Duration timeout) {
		this(baseUrl, instrumentsUrl, token, timeout, RequestBudgets.inProcess());
	}

	/** Spends the account's budgets (per user: one Upstox account per installation). */
	public UpstoxClient(String baseUrl, String instrumentsUrl, TokenProvider token, Duration timeout,
			RequestBudgets budgets) {
		this(baseUrl, instrumentsUrl, token, timeout, budgets, FeedSettings.DEFAULTS, Clock.systemUTC());
	}

	/** With the market-data feed reconnecting as {@code feed} says. */
	public UpstoxClient(String baseUrl, String instrumentsUrl, TokenProvider token, Duration timeout,
			RequestBudgets budgets, FeedSettings feed, Clock clock) {
		this.api = budgets.candleLimit(NAME, "upstox", null, null, RateLimit.perSecond(50), RateLimit.perMinute(500),
				RateLimit.per(2000, Duration.ofMinutes(30)));
		this.files = budgets.limit("upstox-files", null, null, RateLimit.perSecond(2));
		this.base = BrokerHttp.base(baseUrl);
		this.instrumentsUrl = BrokerHttp.base(instrumentsUrl);
		this.token = token;
		this.http = new BrokerHttp(NAME,
				() -> token.get()
					.map(BrokerCredentials::accessToken)
					.map(t -> Map.of("Authorization", "Bearer " + t))
					.orElse(Map.of()),
				UpstoxErrors::classify, timeout);
		this.feed = new UpstoxFeed(base, http, api, token, feed, timeout, clock);
	}

	/** Market Data Feed V3, full mode ({@link UpstoxFeed}). */
	@Override
	public Optional<MarketFeed> marketFeed() {
		return Optional.of(feed);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public BrokerLimits limits() {
		return LIMITS;
	}

	private void requireToken(String what) {
		if (token.get().isEmpty()) {
			throw new BrokerAuthException("upstox: no access token for " + what
					+ "; set MARKETBATCH_UPSTOX_ACCESS_TOKEN (or marketbatch.upstox.access-token)");
		}
	}

	/**
	 * The LTP of one index: allowed to the read-only Analytics Token too (the user
	 * profile is not).
	 */
	@Override
	public void checkToken() {
		requireToken("token check");
		HttpUrl url = base.newBuilder()
			.addPathSegments("v3/market-quote/ltp")
			.addEncodedQueryParameter("instrument_key", BrokerHttp.encode("NSE_INDEX|Nifty 50"))
			.build();
		http.get(url, api, "token check (LTP of Nifty 50)");
	}

	@Override
	public List<LtpQuote> lastPrices(List<Instrument> instruments, Instant minute) {
		LIMITS.requireBatch(NAME, instruments.size());
		requireToken("LTP");
		Map<String, Instrument> byKey = instruments.stream()
			.filter(i -> i.brokerKey() != null)
			.collect(Collectors.toMap(Instrument::brokerKey, Function.identity(), (a, b) -> a, LinkedHashMap::new));
		if (byKey.isEmpty()) {
			return List.of();
		}
		String keys = byKey.keySet().stream().map(BrokerHttp::encode).collect(Collectors.joining(","));
		HttpUrl url = base.newBuilder()
			.addPathSegments("v3/market-quote/ltp")
			.addEncodedQueryParameter("instrument_key", keys)
			.build();
		JsonNode data = http.get(url, api, "LTP of " + byKey.size() + " instruments").path("data");
		List<LtpQuote> quotes = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : data.properties()) {
			JsonNode q = entry.getValue();
			Instrument instrument = byKey.get(q.path("instrument_token").asString(""));
			if (instrument == null || !q.path("last_price").isNumber()) {
				continue;
			}
			BigDecimal ltp = q.get("last_price").decimalValue();
			BigDecimal previous = q.path("cp").isNumber() ? q.get("cp").decimalValue() : null;
			BigDecimal change = previous == null ? null : ltp.subtract(previous);
			BigDecimal pct = previous == null || previous.signum() == 0 ? null
					: change.multiply(BigDecimal.valueOf(100)).divide(previous, 4, RoundingMode.HALF_UP);
			Long volume = q.path("volume").isNumber() ? q.get("volume").asLong() : null;
			quotes.add(new LtpQuote(instrument.id(), minute, ltp, volume, change, pct, previous, null));
		}
		return quotes;
	}

	@Override
	public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
		LIMITS.requireRange(NAME, from, to);
		requireToken("history");
		HttpUrl url = base.newBuilder()
			.addPathSegments("v3/historical-candle")
			.addEncodedPathSegment(BrokerHttp.encode(key(instrument)))
			.addPathSegments("minutes/1")
			.addPathSegment(to.toString())
			.addPathSegment(from.toString())
			.build();
		return candles(http.get(url, api, "1m candles " + instrument.symbol() + " " + from + ".." + to), instrument);
	}

	/**
	 * This year's holidays and special sessions of {@code exchange}, from Upstox's
	 * calendar API.
	 */
	@Override
	public List<CalendarException> exchangeCalendar(String exchange) {
		requireToken("market holidays");
		HttpUrl url = base.newBuilder().addPathSegments("v2/market/holidays").build();
		return UpstoxHolidays.parse(http.get(url, api, "market holidays"), exchange);
	}

	@Override
	public List<Candle> intradayCandles(Instrument instrument) {
		requireToken("intraday");
		HttpUrl url = base.newBuilder()
			.addPathSegments("v3/historical-candle/intraday")
			.addEncodedPathSegment(BrokerHttp.encode(key(instrument)))
			.addPathSegments("minutes/1")
			.build();
		return candles(http.get(url, api, "intraday candles " + instrument.symbol()), instrument);
	}

	private static String key(Instrument instrument) {
		if (instrument.brokerKey() == null) {
			throw new BrokerDataException(
					"upstox: no instrument key for " + instrument.symbol() + "; run instrumentSync");
		}
		return instrument.brokerKey();
	}

	private static List<Candle> candles(JsonNode body, Instrument instrument) {
		if ("error".equals(body.path("status").asString(""))) {
			throw new BrokerDataException(
					"upstox: error answer for " + instrument.symbol() + ": " + body.path("errors"));
		}
		return CandleArrays.parse(body.path("data").get("candles"), instrument, NAME);
	}

	@Override
	public List<MasterInstrument> instrumentMaster() {
		List<MasterInstrument> equities = new ArrayList<>();
		TreeSet<String> futuresUnderlyings = new TreeSet<>();
		try (InputStream in = http.download(instrumentsUrl, files, "instrument master", false);
				MappingIterator<JsonNode> rows = BrokerHttp.JSON.readerFor(JsonNode.class).readValues(in)) {
			// the file is one JSON array; readValues walks its elements without loading
			// it whole
			while (rows.hasNext()) {
				JsonNode row = rows.next();
				if (row.isArray()) {
					for (JsonNode element : row) {
						accept(element, equities, futuresUnderlyings);
					}
				}
				else {
					accept(row, equities, futuresUnderlyings);
				}
			}
		}
		catch (IOException | JacksonException e) {
			throw new BrokerUnavailableException("upstox: cannot read the instrument master: " + e.getMessage(), e);
		}
		universes = DerivedUniverses.of(futuresUnderlyings, equities);
		return equities;
	}

	private static void accept(JsonNode row, List<MasterInstrument> equities, TreeSet<String> underlyings) {
		String segment = row.path("segment").asString("");
		String type = row.path("instrument_type").asString("");
		if (segment.equals("NSE_EQ") && type.equals("EQ")) {
			equities
				.add(new MasterInstrument("NSE", row.path("trading_symbol").asString(),
						blankToNull(row.path("isin").asString(null)), row.path("name").asString(null), "EQ",
						row.path("lot_size").isNumber() ? row.get("lot_size").asInt() : null,
						row.path("tick_size").isNumber()
								? MasterFiles.rupeesFromPaise(row.get("tick_size").decimalValue()) : null,
						row.path("instrument_key").asString(), null));
		}
		else if (segment.equals("NSE_FO") && type.equals("FUT")
				&& row.path("underlying_key").asString("").startsWith("NSE_EQ")) {
			String underlying = row.path("underlying_symbol").asString("");
			if (!underlying.isEmpty()) {
				underlyings.add(underlying);
			}
		}
	}

	private static String blankToNull(String s) {
		return s == null || s.isBlank() ? null : s;
	}

	@Override
	public Map<String, List<String>> universes() {
		if (universes == null) {
			instrumentMaster();
		}
		return universes;
	}

}
