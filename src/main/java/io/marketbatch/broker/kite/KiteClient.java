package io.marketbatch.broker.kite;

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
import java.util.regex.Pattern;

import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MappingIterator;

/**
 * Kite Connect v3: {@code /quote/ltp} for up to 1000 {@code i=EXCHANGE:SYMBOL}, 1-minute
 * history by instrument token at most 60 days per request (oldest first, {@code +0530}
 * offsets), and the instruments CSV, whose NFO futures give the F&O universe. Limits per
 * api_key: historical 3/s, quote 1/s. Only a TokenException is a rejected token
 * ({@link KiteErrors}).
 */
public class KiteClient implements MarketDataSource {

	public static final String NAME = "kite";

	private static final BrokerLimits LIMITS = new BrokerLimits(1000, Period.ofDays(60));

	/** {@code -BE}, {@code -BL}, {@code -N8}...: NSE series other than EQ. */
	private static final Pattern NON_EQ_SERIES = Pattern.compile("-[A-Z0-9]{2}$");

	private final HttpUrl base;

	private final HttpUrl instrumentsUrl;

	private final TokenProvider token;

	private final BrokerHttp http;

	private final RateLimit historical;

	private final RateLimit quote;

	private final RateLimit files;

	private final Clock clock;

	private final KiteTicker ticker;

	private volatile Map<String, List<String>> universes;

	public KiteClient(String baseUrl, String instrumentsUrl, String apiKey, String accessToken, Duration timeout,
			Clock clock) {
		this(baseUrl, instrumentsUrl, TokenProvider.fixed(NAME, accessToken, apiKey), timeout, clock);
	}

	/** Asks {@code token} on every request, so a renewed token needs no restart. */
	public KiteClient(String baseUrl, String instrumentsUrl, TokenProvider token, Duration timeout, Clock clock) {
		this(baseUrl, instrumentsUrl, token, timeout, clock, RequestBudgets.inProcess(), null);
	}

	/** Spends the budgets of the account {@code apiKey} (per api_key, Kite's limits). */
	public KiteClient(String baseUrl, String instrumentsUrl, TokenProvider token, Duration timeout, Clock clock,
			RequestBudgets budgets, @Nullable String apiKey) {
		this(baseUrl, instrumentsUrl, token, timeout, clock, budgets, apiKey, KiteTicker.URL, FeedSettings.DEFAULTS);
	}

	/** With the ticker at {@code tickerUrl}, reconnecting as {@code feed} says. */
	public KiteClient(String baseUrl, String instrumentsUrl, TokenProvider token, Duration timeout, Clock clock,
			RequestBudgets budgets, @Nullable String apiKey, String tickerUrl, FeedSettings feed) {
		this.ticker = new KiteTicker(tickerUrl, token, feed, timeout, clock);
		this.historical = budgets.candleLimit(NAME, "kite-historical", apiKey, null, RateLimit.perSecond(3));
		this.quote = budgets.limit("kite-quote", apiKey, null, RateLimit.perSecond(1));
		this.files = budgets.limit("kite-files", apiKey, null, RateLimit.perSecond(1));
		this.base = BrokerHttp.base(baseUrl);
		// all exchanges: the NFO futures define the F&O universe
		this.instrumentsUrl = instrumentsUrl == null || instrumentsUrl.isBlank()
				? base.newBuilder().addPathSegment("instruments").build() : BrokerHttp.base(instrumentsUrl);
		this.clock = clock;
		this.token = token;
		this.http = new BrokerHttp(NAME, () -> {
			Map<String, String> headers = new LinkedHashMap<>();
			headers.put("X-Kite-Version", "3");
			credentials().ifPresent(c -> headers.put("Authorization", "token " + c.apiKey() + ":" + c.accessToken()));
			return headers;
		}, KiteErrors::classify, timeout);
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public BrokerLimits limits() {
		return LIMITS;
	}

	/** The WebSocket ticker, full mode ({@link KiteTicker}). */
	@Override
	public Optional<MarketFeed> marketFeed() {
		return Optional.of(ticker);
	}

	private Optional<BrokerCredentials> credentials() {
		return token.get().filter(c -> c.apiKey() != null && !c.apiKey().isBlank() && !c.accessToken().isBlank());
	}

	/** The LTP of one index: the cheapest authenticated call. */
	@Override
	public void checkToken() {
		requireCredentials("token check");
		HttpUrl url = base.newBuilder()
			.addPathSegments("quote/ltp")
			.addEncodedQueryParameter("i", BrokerHttp.encode("NSE:NIFTY 50"))
			.build();
		http.get(url, quote, "token check (LTP of NIFTY 50)");
	}

	private void requireCredentials(String what) {
		if (credentials().isEmpty()) {
			throw new BrokerAuthException("kite: no api key or access token for " + what
					+ "; set MARKETBATCH_KITE_API_KEY and MARKETBATCH_KITE_ACCESS_TOKEN");
		}
	}

	@Override
	public List<LtpQuote> lastPrices(List<Instrument> instruments, Instant minute) {
		LIMITS.requireBatch(NAME, instruments.size());
		requireCredentials("LTP");
		Map<String, Instrument> byName = new LinkedHashMap<>();
		HttpUrl.Builder url = base.newBuilder().addPathSegments("quote/ltp");
		for (Instrument instrument : instruments) {
			String name = instrument.exchange() + ":" + instrument.symbol();
			byName.put(name, instrument);
			url.addEncodedQueryParameter("i", BrokerHttp.encode(name));
		}
		JsonNode data = http.get(url.build(), quote, "LTP of " + instruments.size() + " instruments").path("data");
		List<LtpQuote> quotes = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : data.properties()) {
			Instrument instrument = byName.get(entry.getKey());
			JsonNode price = entry.getValue().path("last_price");
			// keys without data are absent from Kite's answer; they get "no quote" in
			// sync_status
			if (instrument != null && price.isNumber()) {
				BigDecimal ltp = price.decimalValue();
				quotes.add(new LtpQuote(instrument.id(), minute, ltp, null, null, null, null, null));
			}
		}
		return quotes;
	}

	@Override
	public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
		LIMITS.requireRange(NAME, from, to);
		return history(instrument, from.toString() + " 00:00:00", to.toString() + " 23:59:59",
				"1m candles " + instrument.symbol() + " " + from + ".." + to);
	}

	@Override
	public List<Candle> intradayCandles(Instrument instrument) {
		LocalDate today = LocalDate.now(clock.withZone(TradingCalendar.IST));
		return history(instrument, today + " 00:00:00", today + " 23:59:59", "intraday candles " + instrument.symbol());
	}

	private List<Candle> history(Instrument instrument, String from, String to, String what) {
		requireCredentials("history");
		if (instrument.brokerKey() == null) {
			throw new BrokerDataException(
					"kite: no instrument token for " + instrument.symbol() + "; run instrumentSync");
		}
		HttpUrl url = base.newBuilder()
			.addPathSegments("instruments/historical")
			.addPathSegment(instrument.brokerKey())
			.addPathSegment("minute")
			.addQueryParameter("from", from)
			.addQueryParameter("to", to)
			.build();
		JsonNode body = http.get(url, historical, what);
		return CandleArrays.parse(body.path("data").get("candles"), instrument, NAME);
	}

	@Override
	public List<MasterInstrument> instrumentMaster() {
		List<MasterInstrument> equities = new ArrayList<>();
		Set<String> futures = new HashSet<>();
		// the dump is public with credentials or without; send them when we have them
		try (InputStream in = http.download(instrumentsUrl, files, "instruments", credentials().isPresent());
				MappingIterator<Map<String, String>> rows = MasterFiles.withHeader(in)) {
			while (rows.hasNext()) {
				Map<String, String> row = rows.next();
				String exchange = row.getOrDefault("exchange", "");
				String type = row.getOrDefault("instrument_type", "");
				if (isNseEquity(row)) {
					equities.add(new MasterInstrument("NSE", row.get("tradingsymbol"), null, row.get("name"), "EQ",
							MasterFiles.integer(row.get("lot_size")), MasterFiles.decimal(row.get("tick_size")),
							row.get("instrument_token"), null));
				}
				else if (exchange.equals("NFO") && type.equals("FUT") && row.get("name") != null) {
					futures.add(row.get("name"));
				}
			}
		}
		catch (IOException | JacksonException e) {
			throw new BrokerUnavailableException("kite: cannot read the instruments dump: " + e.getMessage(), e);
		}
		universes = DerivedUniverses.of(futures, equities);
		return equities;
	}

	/**
	 * An NSE equity of the EQ series: the dump also marks index rows (segment INDICES,
	 * {@code NIFTY 50}) and other series ({@code CDSL-BE}, {@code EMMBI-BL},
	 * {@code HUDCO-N8}) with instrument_type EQ. A series is a two-character suffix, so
	 * {@code BAJAJ-AUTO} stays.
	 */
	static boolean isNseEquity(Map<String, String> row) {
		return "NSE".equals(row.get("exchange")) && "NSE".equals(row.get("segment"))
				&& "EQ".equals(row.get("instrument_type"))
				&& !NON_EQ_SERIES.matcher(row.getOrDefault("tradingsymbol", "")).find();
	}

	@Override
	public Map<String, List<String>> universes() {
		if (universes == null) {
			instrumentMaster();
		}
		return universes;
	}

}
