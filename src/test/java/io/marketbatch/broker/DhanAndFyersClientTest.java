package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.broker.dhan.DhanClient;
import io.marketbatch.broker.fyers.FyersClient;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Dhan and Fyers clients against payloads written from the reference, served locally. */
class DhanAndFyersClientTest {

	private final MockWebServer server = new MockWebServer();

	private final Clock clock = Clock.fixed(Instant.parse("2026-10-29T12:00:00Z"), ZoneOffset.UTC);

	@BeforeEach
	void start() throws Exception {
		server.start();
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private void enqueue(int code, String body) {
		server.enqueue(new MockResponse.Builder().code(code).body(body).build());
	}

	private DhanClient dhan() {
		return new DhanClient(server.url("/").toString(), server.url("/api-scrip-master.csv").toString(), "1000000001",
				"jwt-secret", Duration.ofSeconds(2), clock);
	}

	private FyersClient fyers() {
		return new FyersClient(server.url("/").toString(), server.url("/sym_details/NSE_CM.csv").toString(),
				"APPID-100", "fy-secret", Duration.ofSeconds(2), clock);
	}

	// 2026-10-29 09:15 and 09:16 IST in epoch seconds
	private static final long T0 = Instant.parse("2026-10-29T03:45:00Z").getEpochSecond();

	@Test
	void dhanColumnArraysBecomeCandlesWithTheBodyItExpects() throws Exception {
		enqueue(200, "{\"open\":[1300.5,1301],\"high\":[1302,1301.5],\"low\":[1299.5,1300],\"close\":[1301,1300.2],"
				+ "\"volume\":[1500,900],\"timestamp\":[" + T0 + "," + (T0 + 60) + "],\"open_interest\":[0,0]}");
		Instrument tcs = new Instrument(9, "NSE", "TCS", null, null, "EQ", "11536");
		List<Candle> candles = dhan().minuteCandles(tcs, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29));
		assertThat(candles).hasSize(2);
		assertThat(candles.get(0).ts()).isEqualTo(Instant.parse("2026-10-29T03:45:00Z"));
		assertThat(candles.get(1).close()).isEqualByComparingTo("1300.2");
		RecordedRequest request = server.takeRequest();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/v2/charts/intraday");
		assertThat(request.getHeaders().get("access-token")).isEqualTo("jwt-secret");
		assertThat(request.getHeaders().get("client-id")).isEqualTo("1000000001");
		String body = request.getBody().utf8();
		assertThat(body).contains("\"securityId\":\"11536\"")
			.contains("\"exchangeSegment\":\"NSE_EQ\"")
			.contains("\"interval\":\"1\"")
			.contains("\"fromDate\":\"2026-10-29 00:00:00\"");
	}

	@Test
	void dhanColumnsOfDifferentLengthsAreADataError() {
		enqueue(200, "{\"open\":[1],\"high\":[1],\"low\":[1],\"close\":[1],\"volume\":[],\"timestamp\":[" + T0 + "]}");
		Instrument tcs = new Instrument(9, "NSE", "TCS", null, null, "EQ", "11536");
		assertThatThrownBy(() -> dhan().minuteCandles(tcs, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29)))
			.isInstanceOf(BrokerDataException.class)
			.hasMessageContaining("volume");
	}

	@Test
	void dhanLtpAndTokenErrors() throws Exception {
		enqueue(200, "{\"data\":{\"NSE_EQ\":{\"11536\":{\"last_price\":4520}}},\"status\":\"success\"}");
		Instrument tcs = new Instrument(9, "NSE", "TCS", null, null, "EQ", "11536");
		List<LtpQuote> quotes = dhan().lastPrices(List.of(tcs), Instant.parse("2026-10-29T04:45:00Z"));
		assertThat(quotes).singleElement().satisfies(q -> assertThat(q.ltp()).isEqualByComparingTo("4520"));
		assertThat(server.takeRequest().getBody().utf8()).isEqualTo("{\"NSE_EQ\":[11536]}");
		enqueue(401,
				"{\"errorType\":\"Invalid_Authentication\",\"errorCode\":\"DH-901\",\"errorMessage\":\"Client ID or user generated access token is invalid or expired.\"}");
		assertThatThrownBy(() -> dhan().lastPrices(List.of(tcs), Instant.now())).isInstanceOf(BrokerAuthException.class)
			.hasMessageContaining("dhan rejected the access token")
			.hasMessageNotContaining("jwt-secret");
	}

	@Test
	void dhanMasterGivesEquitiesAndStockFutures() {
		enqueue(200,
				"""
						SEM_EXM_EXCH_ID,SEM_SEGMENT,SEM_SMST_SECURITY_ID,SEM_INSTRUMENT_NAME,SEM_EXPIRY_CODE,SEM_TRADING_SYMBOL,SEM_LOT_UNITS,SEM_CUSTOM_SYMBOL,SEM_EXPIRY_DATE,SEM_STRIKE_PRICE,SEM_OPTION_TYPE,SEM_TICK_SIZE,SEM_EXPIRY_FLAG,SEM_EXCH_INSTRUMENT_TYPE,SEM_SERIES,SM_SYMBOL_NAME
						NSE,E,11536,EQUITY,,TCS,1,TCS,,,,0.05,NA,ES,EQ,TATA CONSULTANCY SERV LT
						NSE,E,2885,EQUITY,,RELIANCE,1,Reliance,,,,0.05,NA,ES,EQ,"RELIANCE INDUSTRIES, LTD"
						NSE,D,52000,FUTSTK,0,TCS-Dec2026-FUT,175,TCS DEC FUT,2026-12-29 14:30:00,-0.01000,XX,0.1,M,FUTSTK,NA,
						NSE,D,35000,FUTIDX,0,NIFTY-Dec2026-FUT,75,NIFTY DEC FUT,2026-12-29 14:30:00,-0.01000,XX,0.1,M,FUTIDX,NA,
						BSE,E,500325,EQUITY,,RELIANCE,1,Reliance,,,,0.05,NA,ES,A,RELIANCE INDUSTRIES LTD
						""");
		DhanClient client = dhan();
		List<MasterInstrument> master = client.instrumentMaster();
		assertThat(master).extracting(MasterInstrument::symbol).containsExactly("TCS", "RELIANCE");
		assertThat(master.get(1).name()).isEqualTo("RELIANCE INDUSTRIES, LTD");
		assertThat(master.get(0).brokerKey()).isEqualTo("11536");
		assertThat(client.universes().get("FNO")).containsExactly("TCS");
	}

	@Test
	void dhanMasterCutsFuturesAtTheLastMonthAndGivesTickSizesInRupees() {
		// the scrip master's tick sizes are in paise: 5.0000 = 0.05 rupees
		enqueue(200,
				"""
						SEM_EXM_EXCH_ID,SEM_SEGMENT,SEM_SMST_SECURITY_ID,SEM_INSTRUMENT_NAME,SEM_EXPIRY_CODE,SEM_TRADING_SYMBOL,SEM_LOT_UNITS,SEM_CUSTOM_SYMBOL,SEM_EXPIRY_DATE,SEM_STRIKE_PRICE,SEM_OPTION_TYPE,SEM_TICK_SIZE,SEM_EXPIRY_FLAG,SEM_EXCH_INSTRUMENT_TYPE,SEM_SERIES,SM_SYMBOL_NAME
						NSE,E,16669,EQUITY,,BAJAJ-AUTO,1,Bajaj Auto,,,,5.0000,NA,ES,EQ,BAJAJ AUTO LIMITED
						NSE,E,2181,EQUITY,,BOSCHLTD,1,Bosch,,,,500.0000,NA,ES,EQ,BOSCH LIMITED
						NSE,D,52110,FUTSTK,0,BAJAJ-AUTO-Oct2026-FUT,75,BAJAJ-AUTO OCT FUT,2026-10-27 14:30:00,-0.01000,XX,10.0000,M,FUTSTK,NA,
						NSE,D,52111,FUTSTK,0,BOSCHLTD-Oct2026-FUT,25,BOSCHLTD OCT FUT,2026-10-27 14:30:00,-0.01000,XX,500.0000,M,FUTSTK,NA,
						""");
		DhanClient client = dhan();
		List<MasterInstrument> master = client.instrumentMaster();
		assertThat(master).extracting(MasterInstrument::symbol).containsExactly("BAJAJ-AUTO", "BOSCHLTD");
		assertThat(master.get(0).tickSize()).isEqualByComparingTo("0.05");
		assertThat(master.get(1).tickSize()).isEqualByComparingTo("5");
		assertThat(client.universes().get("FNO")).containsExactly("BAJAJ-AUTO", "BOSCHLTD");
	}

	@Test
	void dhanDataApiErrorBodiesAreClassifiedByTheirCode() {
		Instrument tcs = new Instrument(9, "NSE", "TCS", null, null, "EQ", "11536");
		Instant minute = Instant.parse("2026-10-29T04:45:00Z");
		// the market-feed shape, with HTTP 200 or an error status
		enqueue(200, "{\"status\":\"failed\",\"data\":{\"806\":\"Data APIs not Subscribed\"}}");
		assertThatThrownBy(() -> dhan().lastPrices(List.of(tcs), minute)).isExactlyInstanceOf(BrokerException.class)
			.hasMessageContaining("no Data API subscription")
			.hasMessageContaining("806: Data APIs not Subscribed");
		enqueue(429, "{\"status\":\"failed\",\"data\":{\"805\":\"Too many requests\"}}");
		assertThatThrownBy(() -> dhan().lastPrices(List.of(tcs), minute)).isInstanceOf(BrokerUnavailableException.class)
			.hasMessageContaining("805");
		for (String code : List.of("807", "808", "809", "810")) {
			enqueue(400, "{\"status\":\"failed\",\"data\":{\"" + code + "\":\"Access token is invalid\"}}");
			assertThatThrownBy(() -> dhan().lastPrices(List.of(tcs), minute)).isInstanceOf(BrokerAuthException.class)
				.hasMessageContaining("dhan rejected the access token (" + code + ": Access token is invalid)")
				.hasMessageNotContaining("jwt-secret");
		}
		enqueue(200, "{\"status\":\"failed\",\"data\":{\"807\":\"Access token is expired\"}}");
		assertThatThrownBy(() -> dhan().minuteCandles(tcs, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29)))
			.isInstanceOf(BrokerAuthException.class);
		enqueue(400, "{\"status\":\"failed\",\"data\":{\"813\":\"Invalid SecurityId\"}}");
		assertThatThrownBy(() -> dhan().lastPrices(List.of(tcs), minute)).isInstanceOf(BrokerDataException.class)
			.hasMessageContaining("813 Invalid SecurityId");
		// the errorCode shape: rate limit and subscription
		enqueue(429, "{\"errorType\":\"Rate_Limit\",\"errorCode\":\"DH-904\",\"errorMessage\":\"Too many requests\"}");
		assertThatThrownBy(() -> dhan().lastPrices(List.of(tcs), minute))
			.isInstanceOf(BrokerUnavailableException.class);
		enqueue(403, "{\"errorType\":\"Access_Denied\",\"errorCode\":\"DH-902\",\"errorMessage\":\"Not subscribed\"}");
		assertThatThrownBy(() -> dhan().lastPrices(List.of(tcs), minute)).isExactlyInstanceOf(BrokerException.class);
	}

	@Test
	void fyersHistoryUsesEpochSecondsAndEncodesSymbols() throws Exception {
		enqueue(200, "{\"s\":\"ok\",\"candles\":[[" + T0 + ",417.0,419.2,405.3,412.05,142964],[" + (T0 + 60)
				+ ",412.05,413,411,412.5,1200]]}");
		Instrument mm = new Instrument(4, "NSE", "M&M", null, null, "EQ", "NSE:M&M-EQ");
		List<Candle> candles = fyers().minuteCandles(mm, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29));
		assertThat(candles).hasSize(2);
		assertThat(candles.get(0).ts()).isEqualTo(Instant.parse("2026-10-29T03:45:00Z"));
		RecordedRequest request = server.takeRequest();
		assertThat(request.getUrl().encodedQuery()).contains("symbol=NSE%3AM%26M-EQ")
			.contains("resolution=1")
			.contains("date_format=1")
			.contains("range_from=2026-10-29");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("APPID-100:fy-secret");
	}

	@Test
	void fyersErrorsInA200AnswerAreStillClassified() {
		enqueue(200, "{\"s\":\"error\",\"code\":-8,\"message\":\"Your token has expired. Please generate a token\"}");
		Instrument sbin = new Instrument(5, "NSE", "SBIN", null, null, "EQ", "NSE:SBIN-EQ");
		assertThatThrownBy(() -> fyers().minuteCandles(sbin, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29)))
			.isInstanceOf(BrokerAuthException.class)
			.hasMessageContaining("fyers rejected the access token");
		enqueue(429, "{\"s\":\"error\",\"code\":-429,\"message\":\"request limit reached\"}");
		assertThatThrownBy(() -> fyers().minuteCandles(sbin, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29)))
			.isInstanceOf(BrokerUnavailableException.class);
		assertThatThrownBy(() -> fyers().minuteCandles(sbin, LocalDate.of(2026, 6, 1), LocalDate.of(2026, 10, 1)))
			.hasMessageContaining("100 days");
	}

	@Test
	void fyersQuotesGiveLastPriceAndChange() {
		enqueue(200,
				"{\"s\":\"ok\",\"code\":200,\"d\":[{\"n\":\"NSE:SBIN-EQ\",\"s\":\"ok\",\"v\":{\"ch\":2.5,\"chp\":0.31,"
						+ "\"lp\":812.5,\"volume\":1234567,\"prev_close_price\":810.0,\"symbol\":\"NSE:SBIN-EQ\","
						+ "\"tt\":\"1761713058\"}}]}");
		Instrument sbin = new Instrument(5, "NSE", "SBIN", null, null, "EQ", "NSE:SBIN-EQ");
		LtpQuote quote = fyers().lastPrices(List.of(sbin), Instant.parse("2026-10-29T04:45:00Z")).get(0);
		assertThat(quote.ltp()).isEqualByComparingTo("812.5");
		assertThat(quote.change()).isEqualByComparingTo("2.5");
		assertThat(quote.volume()).isEqualTo(1234567);
		// tt is the exchange time of the price, kept beside the minute being captured
		assertThat(quote.tradedAt()).isEqualTo(Instant.ofEpochSecond(1761713058));
	}

	/** A store holding one renewed token, as the API or the command line leaves it. */
	private static CredentialStore renewedTo(String token) {
		return new CredentialStore() {
			@Override
			public java.util.Optional<BrokerCredentials> latest(String broker) {
				return java.util.Optional.of(new BrokerCredentials(token, null, Instant.parse("2026-10-29T03:00:00Z")));
			}

			@Override
			public void save(String broker, BrokerCredentials credentials) {
			}
		};
	}

	@Test
	void dhanChecksItsTokenWithOneIndexLtpAndSendsARenewedTokenWithoutARebuild() throws Exception {
		TokenProvider tokens = new TokenProvider("dhan", "jwt-old", null, renewedTo("jwt-new"));
		DhanClient client = new DhanClient(server.url("/").toString(), server.url("/m.csv").toString(), "1000000001",
				tokens, Duration.ofSeconds(2), clock);
		enqueue(200, "{\"data\":{\"IDX_I\":{\"13\":{\"last_price\":24350.5}}},\"status\":\"success\"}");
		client.checkToken();
		RecordedRequest check = server.takeRequest();
		assertThat(check.getUrl().encodedPath()).isEqualTo("/v2/marketfeed/ltp");
		assertThat(check.getBody().utf8()).isEqualTo("{\"IDX_I\":[13]}");
		assertThat(check.getHeaders().get("access-token")).isEqualTo("jwt-new");
		enqueue(200, "{\"status\":\"failed\",\"data\":{\"808\":\"Authentication Failed - Token invalid\"}}");
		assertThatThrownBy(client::checkToken).isInstanceOf(BrokerAuthException.class);
	}

	@Test
	void fyersChecksItsTokenWithOneIndexQuoteAndSendsARenewedTokenWithoutARebuild() throws Exception {
		TokenProvider tokens = new TokenProvider("fyers", "fy-old", null, renewedTo("fy-new"));
		FyersClient client = new FyersClient(server.url("/").toString(),
				server.url("/sym_details/NSE_CM.csv").toString(), "APPID-100", tokens, Duration.ofSeconds(2), clock);
		enqueue(200,
				"{\"s\":\"ok\",\"code\":200,\"d\":[{\"n\":\"NSE:NIFTY50-INDEX\",\"s\":\"ok\",\"v\":{\"lp\":24350.5}}]}");
		client.checkToken();
		RecordedRequest check = server.takeRequest();
		assertThat(check.getUrl().encodedPath()).isEqualTo("/data/quotes");
		assertThat(check.getUrl().queryParameter("symbols")).isEqualTo("NSE:NIFTY50-INDEX");
		assertThat(check.getHeaders().get("Authorization")).isEqualTo("APPID-100:fy-new");
	}

}
