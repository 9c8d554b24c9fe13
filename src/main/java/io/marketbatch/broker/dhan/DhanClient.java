package io.marketbatch.broker.dhan;

import io.marketbatch.broker.BrokerAuthException;
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
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;
import io.marketbatch.market.Timeframe;
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
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Dhan HQ v2: 1-minute candles from {@code POST /v2/charts/intraday} (at most 90 days per
 * request, column arrays, epoch seconds; for today it answers every candle so far
 * whatever the dates, so the answer is cut to the asked days), LTP from
 * {@code POST /v2/marketfeed/ltp} (1000 security ids, 1/s), and the scrip master CSV.
 * Data APIs 5/s. DH-901 and 807-810 are token rejections ({@link DhanErrors}); the scrip
 * master gives tick sizes in paise, stored in rupees.
 */
public class DhanClient implements MarketDataSource {

	public static final String NAME = "dhan";

	/** Intraday candles cover the last 5 years. */
	private static final BrokerLimits LIMITS = new BrokerLimits(1000, Period.ofDays(90)).kept(Period.ofYears(5));

	private static final Pattern FUTURES_SYMBOL = Pattern.compile("(.+)-[A-Z][a-z]{2}\\d{4}-FUT");

	private final HttpUrl base;

	private final HttpUrl instrumentsUrl;

	private final TokenProvider token;

	private final BrokerHttp http;

	private final Clock clock;

	private final RateLimit data;

	private final RateLimit quote;

	private final RateLimit files;

	private final DhanFeed feed;

	private volatile Map<String, List<String>> universes;

	public DhanClient(String baseUrl, String instrumentsUrl, String clientId, String accessToken, Duration timeout,
			Clock clock) {
		this(baseUrl, instrumentsUrl, clientId, TokenProvider.fixed(NAME, accessToken, null), timeout, clock);
	}

	/** Asks {@code token} on every request, so a renewed token needs no restart. */
	public DhanClient(String baseUrl, String instrumentsUrl, @Nullable String clientId, TokenProvider token,
			Duration timeout, Clock clock) {
		this(baseUrl, instrumentsUrl, clientId, token, timeout, clock, RequestBudgets.inProcess(), DhanFeed.URL,
				FeedSettings.DEFAULTS);
	}

	/** Spends the budgets of the account {@code clientId}; its live feed at feedUrl. */
	public DhanClient(String baseUrl, String instrumentsUrl, @Nullable String clientId, TokenProvider token,
			Duration timeout, Clock clock, RequestBudgets budgets, String feedUrl, FeedSettings feed) {
		this.feed = new DhanFeed(feedUrl, clientId, token, feed, timeout, clock);
		this.data = budgets.candleLimit(NAME, "dhan-data", clientId, null, RateLimit.perSecond(5),
				RateLimit.per(100_000, Duration.ofDays(1)));
		this.quote = budgets.limit("dhan-quote", clientId, null, RateLimit.perSecond(1));
		this.files = budgets.limit("dhan-files", clientId, null, RateLimit.perSecond(1));
		this.base = BrokerHttp.base(baseUrl);
		this.instrumentsUrl = BrokerHttp.base(instrumentsUrl);
		this.token = token;
		this.http = new BrokerHttp(NAME, () -> {
			Map<String, String> headers = new LinkedHashMap<>();
			token.get().ifPresent(credentials -> headers.put("access-token", credentials.accessToken()));
			Optional.ofNullable(clientId).ifPresent(id -> headers.put("client-id", id));
			return headers;
		}, DhanErrors::classify, timeout);
		this.clock = clock;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public BrokerLimits limits() {
		return LIMITS;
	}

	/** The live market feed v2, full mode ({@link DhanFeed}). */
	@Override
	public Optional<MarketFeed> marketFeed() {
		return Optional.of(feed);
	}

	/**
	 * One LTP of the NIFTY 50 index (security id 13): the cheapest authenticated call.
	 */
	@Override
	public void checkToken() {
		requireCredentials("token check");
		ObjectNode body = BrokerHttp.JSON.createObjectNode();
		body.putArray("IDX_I").add(13);
		String what = "token check (LTP of NIFTY 50)";
		JsonNode answer = http.post(base.newBuilder().addPathSegments("v2/marketfeed/ltp").build(), body, quote, what);
		DhanErrors.inSuccessfulAnswer(answer, what).ifPresent(e -> {
			throw e;
		});
	}

	private void requireCredentials(String what) {
		if (token.get().isEmpty()) {
			throw new BrokerAuthException("dhan: no access token for " + what
					+ "; set MARKETBATCH_DHAN_ACCESS_TOKEN and MARKETBATCH_DHAN_CLIENT_ID");
		}
	}

	@Override
	public List<LtpQuote> lastPrices(List<Instrument> instruments, Instant minute) {
		LIMITS.requireBatch(NAME, instruments.size());
		requireCredentials("LTP");
		Map<String, Instrument> byId = new LinkedHashMap<>();
		ArrayNode ids = BrokerHttp.JSON.createArrayNode();
		for (Instrument instrument : instruments) {
			if (instrument.brokerKey() != null) {
				byId.put(instrument.brokerKey(), instrument);
				ids.add(Long.parseLong(instrument.brokerKey()));
			}
		}
		ObjectNode body = BrokerHttp.JSON.createObjectNode();
		body.set("NSE_EQ", ids);
		String what = "LTP of " + ids.size() + " instruments";
		JsonNode answer = http.post(base.newBuilder().addPathSegments("v2/marketfeed/ltp").build(), body, quote, what);
		DhanErrors.inSuccessfulAnswer(answer, what).ifPresent(e -> {
			throw e;
		});
		List<LtpQuote> quotes = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : answer.path("data").path("NSE_EQ").properties()) {
			Instrument instrument = byId.get(entry.getKey());
			JsonNode price = entry.getValue().path("last_price");
			if (instrument != null && price.isNumber()) {
				quotes.add(new LtpQuote(instrument.id(), minute, price.decimalValue(), null, null, null, null, null));
			}
		}
		return quotes;
	}

	@Override
	public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
		LIMITS.requireRange(NAME, from, to);
		return intraday(instrument, from, to);
	}

	@Override
	public List<Candle> intradayCandles(Instrument instrument) {
		LocalDate today = LocalDate.now(clock.withZone(TradingCalendar.IST));
		return intraday(instrument, today, today);
	}

	private List<Candle> intraday(Instrument instrument, LocalDate from, LocalDate to) {
		requireCredentials("history");
		if (instrument.brokerKey() == null) {
			throw new BrokerDataException("dhan: no security id for " + instrument.symbol() + "; run instrumentSync");
		}
		ObjectNode body = BrokerHttp.JSON.createObjectNode();
		body.put("securityId", instrument.brokerKey());
		body.put("exchangeSegment", "NSE_EQ");
		body.put("instrument", "EQUITY");
		body.put("interval", "1");
		body.put("oi", false);
		body.put("fromDate", from + " 00:00:00");
		body.put("toDate", to + " 23:59:59");
		String what = "1m candles " + instrument.symbol() + " " + from + ".." + to;
		JsonNode answer = http.post(base.newBuilder().addPathSegments("v2/charts/intraday").build(), body, data, what);
		DhanErrors.inSuccessfulAnswer(answer, what).ifPresent(e -> {
			throw e;
		});
		List<Candle> candles = columns(answer, instrument);
		// for today Dhan answers every candle so far, whatever the dates asked
		return candles.stream().filter(c -> {
			LocalDate day = c.ts().atZone(TradingCalendar.IST).toLocalDate();
			return !day.isBefore(from) && !day.isAfter(to);
		}).toList();
	}

	static List<Candle> columns(JsonNode answer, Instrument instrument) {
		JsonNode ts = answer.path("timestamp");
		String[] names = { "open", "high", "low", "close", "volume" };
		for (String name : names) {
			if (!answer.path(name).isArray() || answer.path(name).size() != ts.size()) {
				throw new BrokerDataException("dhan: column '" + name
						+ "' missing or of another length than timestamp for " + instrument.symbol());
			}
		}
		List<Candle> candles = new ArrayList<>(ts.size());
		for (int i = 0; i < ts.size(); i++) {
			BigDecimal open = CandleArrays.price(answer.get("open").get(i), instrument, NAME);
			BigDecimal high = CandleArrays.price(answer.get("high").get(i), instrument, NAME);
			BigDecimal low = CandleArrays.price(answer.get("low").get(i), instrument, NAME);
			BigDecimal close = CandleArrays.price(answer.get("close").get(i), instrument, NAME);
			JsonNode oi = answer.path("open_interest").path(i);
			candles.add(new Candle(instrument.id(), Timeframe.M1, CandleArrays.instant(ts.get(i), instrument, NAME),
					open, high, low, close, answer.get("volume").get(i).asLong(), oi.isNumber() ? oi.asLong() : null));
		}
		candles.sort(Comparator.comparing(Candle::ts));
		return candles;
	}

	@Override
	public List<MasterInstrument> instrumentMaster() {
		List<MasterInstrument> equities = new ArrayList<>();
		Set<String> futures = new HashSet<>();
		try (InputStream in = http.download(instrumentsUrl, files, "scrip master", false);
				MappingIterator<Map<String, String>> rows = MasterFiles.withHeader(in)) {
			while (rows.hasNext()) {
				Map<String, String> row = rows.next();
				if (!"NSE".equals(row.get("SEM_EXM_EXCH_ID"))) {
					continue;
				}
				String kind = row.getOrDefault("SEM_INSTRUMENT_NAME", "");
				if (kind.equals("EQUITY") && "EQ".equals(row.getOrDefault("SEM_SERIES", "EQ"))) {
					equities.add(new MasterInstrument("NSE", row.get("SEM_TRADING_SYMBOL"), null,
							row.getOrDefault("SM_SYMBOL_NAME", row.get("SEM_CUSTOM_SYMBOL")), "EQ",
							MasterFiles.integer(row.get("SEM_LOT_UNITS")),
							MasterFiles.rupeesFromPaise(row.get("SEM_TICK_SIZE")).orElse(null),
							row.get("SEM_SMST_SECURITY_ID"), null));
				}
				else if (kind.equals("FUTSTK")) {
					String symbol = row.getOrDefault("SEM_TRADING_SYMBOL", "");
					futures.add(underlying(symbol));
				}
			}
		}
		catch (IOException | JacksonException e) {
			throw new BrokerUnavailableException("dhan: cannot read the scrip master: " + e.getMessage(), e);
		}
		universes = DerivedUniverses.of(futures, equities);
		return equities;
	}

	/**
	 * The underlying of a futures symbol, cut at its last {@code -MonYYYY-FUT}: the
	 * underlying may carry hyphens of its own ({@code BAJAJ-AUTO-Oct2026-FUT}).
	 */
	static String underlying(String futuresSymbol) {
		Matcher m = FUTURES_SYMBOL.matcher(futuresSymbol);
		return m.matches() ? m.group(1) : futuresSymbol;
	}

	@Override
	public Map<String, List<String>> universes() {
		if (universes == null) {
			instrumentMaster();
		}
		return universes;
	}

}
