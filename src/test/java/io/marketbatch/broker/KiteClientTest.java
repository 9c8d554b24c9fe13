package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.broker.kite.KiteClient;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Kite client against Zerodha's own mock responses (shared/fixtures/kite), served
 * locally.
 */
class KiteClientTest {

	/** Zerodha's mock responses, as they are (copied from shared/fixtures/kite). */
	private static final String FIXTURES = "/fixtures/kite/";

	private final MockWebServer server = new MockWebServer();

	private KiteClient client;

	private final Instrument infy = new Instrument(7, "NSE", "INFY", null, null, "EQ", "408065");

	@BeforeEach
	void start() throws Exception {
		server.start();
		client = new KiteClient(server.url("/").toString(), null, "my_api_key", "my_access_token",
				Duration.ofSeconds(2), Clock.systemUTC());
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private static String fixture(String name) throws Exception {
		try (var in = KiteClientTest.class.getResourceAsStream(FIXTURES + name)) {
			return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
	}

	private void enqueue(int code, String body) {
		server.enqueue(new MockResponse.Builder().code(code).body(body).build());
	}

	@Test
	void historicalMinuteCandlesParseTheColonlessOffsetOldestFirst() throws Exception {
		enqueue(200, fixture("historical_minute.json"));
		List<Candle> candles = client.minuteCandles(infy, LocalDate.of(2017, 12, 15), LocalDate.of(2017, 12, 15));
		assertThat(candles).isNotEmpty().isSortedAccordingTo((a, b) -> a.ts().compareTo(b.ts()));
		Candle first = candles.get(0);
		assertThat(first.ts()).isEqualTo(Instant.parse("2017-12-15T03:45:00Z"));
		assertThat(first.open()).isEqualByComparingTo("1704.5");
		assertThat(first.high()).isEqualByComparingTo("1705");
		assertThat(first.low()).isEqualByComparingTo("1699.25");
		assertThat(first.close()).isEqualByComparingTo("1702.8");
		assertThat(first.volume()).isEqualTo(2499);
		assertThat(first.instrumentId()).isEqualTo(7);
		RecordedRequest request = server.takeRequest();
		assertThat(request.getUrl().encodedPath()).isEqualTo("/instruments/historical/408065/minute");
		assertThat(request.getUrl().queryParameter("from")).isEqualTo("2017-12-15 00:00:00");
		assertThat(request.getUrl().queryParameter("to")).isEqualTo("2017-12-15 23:59:59");
		assertThat(request.getHeaders().get("X-Kite-Version")).isEqualTo("3");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("token my_api_key:my_access_token");
	}

	@Test
	void openInterestIsReadWhenPresent() throws Exception {
		enqueue(200, fixture("historical_oi.json"));
		List<Candle> candles = client.minuteCandles(infy, LocalDate.of(2019, 12, 4), LocalDate.of(2019, 12, 4));
		assertThat(candles).allSatisfy(c -> assertThat(c.oi()).isNotNull());
	}

	@Test
	void ltpMapsExchangeSymbolKeysBackAndEncodesAmpersands() throws Exception {
		enqueue(200, fixture("ltp.json"));
		Instrument mm = new Instrument(8, "NSE", "M&M", null, null, "EQ", "519937");
		List<LtpQuote> quotes = client.lastPrices(List.of(infy, mm), Instant.parse("2026-10-29T04:45:00Z"));
		assertThat(quotes).singleElement().satisfies(q -> {
			assertThat(q.instrumentId()).isEqualTo(7);
			assertThat(q.ltp()).isEqualByComparingTo(new BigDecimal("1074.35"));
		});
		RecordedRequest request = server.takeRequest();
		assertThat(request.getUrl().encodedQuery()).isEqualTo("i=NSE%3AINFY&i=NSE%3AM%26M");
	}

	@Test
	void theInstrumentsCsvGivesOnlyEqSeriesEquitiesWithTheirTokens() throws Exception {
		// Zerodha's dump plus an index row as the live dump has it (instrument_type EQ)
		enqueue(200, fixture("instruments_all.csv") + "256265,1001,NIFTY 50,NIFTY 50,0.0,,0.0,0.0,0,EQ,INDICES,NSE\n");
		List<MasterInstrument> master = client.instrumentMaster();
		// the fixture's 55 NSE EQ rows less its 34 -BE, -BL and -N8 rows
		assertThat(master).extracting(MasterInstrument::symbol)
			.containsExactlyInAnyOrder("ADANIPORTS", "ARMANFIN", "GANGOTRI", "PDPL", "CDSL", "INFARINDIA", "BANKBEES",
					"BIRLAMONEY", "SSWL", "ESSARSHPNG", "GPTINFRA", "DEEPAKFERT", "ENGINERSIN", "GTNTEX", "HDFCMFGETF",
					"DECCANCE", "DEEPAKNITR", "EDL", "ENDURANCE", "ENTEGRA", "ERAINFRA");
		assertThat(master).allSatisfy(m -> {
			assertThat(m.exchange()).isEqualTo("NSE");
			assertThat(m.brokerKey()).matches("\\d+");
		});
		MasterInstrument adaniPorts = master.stream().filter(m -> m.symbol().equals("ADANIPORTS")).findFirst().get();
		assertThat(adaniPorts.brokerKey()).isEqualTo("3861249");
		// Kite gives rupees
		assertThat(adaniPorts.tickSize()).isEqualByComparingTo("0.05");
	}

	@Test
	void theNearMonthContractOfEachMcxTopCommodityIsListedUnderItsPlainSymbol() throws Exception {
		KiteClient onDecember7 = new KiteClient(server.url("/").toString(), null, "my_api_key", "my_access_token",
				Duration.ofSeconds(2), Clock.fixed(Instant.parse("2026-12-07T03:00:00Z"), ZoneOffset.UTC));
		// Kite's dump columns; an expired, the near and a far CRUDEOIL contract, a mini,
		// an option
		enqueue(200,
				fixture("instruments_all.csv")
						+ "60001031,234379,CRUDEOIL26NOVFUT,CRUDEOIL,0.0,2026-11-19,0.0,1.0,100,FUT,MCX-FUT,MCX\n"
						+ "60001287,234380,CRUDEOIL26DECFUT,CRUDEOIL,0.0,2026-12-17,0.0,1.0,100,FUT,MCX-FUT,MCX\n"
						+ "60001543,234381,CRUDEOIL27JANFUT,CRUDEOIL,0.0,2027-01-19,0.0,1.0,100,FUT,MCX-FUT,MCX\n"
						+ "60002055,234383,CRUDEOILM26DECFUT,CRUDEOILM,0.0,2026-12-17,0.0,1.0,10,FUT,MCX-FUT,MCX\n"
						+ "60003079,234387,CRUDEOIL26DEC5000CE,CRUDEOIL,0.0,2026-12-16,5000.0,0.1,100,CE,MCX-OPT,MCX\n"
						+ "60004103,234391,GOLD27FEBFUT,GOLD,0.0,2027-02-05,0.0,1.0,1,FUT,MCX-FUT,MCX\n");
		List<MasterInstrument> mcx = onDecember7.instrumentMaster()
			.stream()
			.filter(m -> m.exchange().equals("MCX"))
			.toList();
		assertThat(mcx).extracting(MasterInstrument::symbol, MasterInstrument::brokerKey, MasterInstrument::type)
			.containsExactlyInAnyOrder(tuple("CRUDEOIL", "60001287", "FUT"), tuple("GOLD", "60004103", "FUT"));
		assertThat(onDecember7.universes().get("MCX_TOP")).containsExactlyInAnyOrder("MCX:CRUDEOIL", "MCX:GOLD");
		// the F&O universe stays the NSE stocks with futures
		assertThat(onDecember7.universes().get("FNO")).doesNotContain("CRUDEOIL", "MCX:CRUDEOIL");
	}

	@Test
	void aPermissionExceptionIsNotATokenRejection() {
		enqueue(403, "{\"status\":\"error\",\"message\":\"Insufficient permission for that call.\",\"data\":null,"
				+ "\"error_type\":\"PermissionException\"}");
		assertThatThrownBy(() -> client.minuteCandles(infy, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 1)))
			.isExactlyInstanceOf(BrokerException.class)
			.hasMessageContaining("kite: the app lacks a permission")
			.hasMessageContaining("PermissionException: Insufficient permission for that call.")
			.hasMessageContaining("historical-data add-on")
			.hasMessageNotContaining("06:00")
			.hasMessageNotContaining("my_access_token");
	}

	@Test
	void aPermissionExceptionDoesNotLatchTheAccountNorIsRetried() throws Exception {
		RetryingMarketDataSource retrying = new RetryingMarketDataSource(client, 3, Duration.ofMillis(10), 2);
		enqueue(403, "{\"status\":\"error\",\"message\":\"Insufficient permission for that call.\",\"data\":null,"
				+ "\"error_type\":\"PermissionException\"}");
		enqueue(200, fixture("ltp.json"));
		LocalDate day = LocalDate.of(2026, 10, 1);
		assertThatThrownBy(() -> retrying.minuteCandles(infy, day, day)).isNotInstanceOf(BrokerAuthException.class)
			.hasMessageContaining("PermissionException");
		assertThat(server.getRequestCount()).isEqualTo(1);
		assertThat(retrying.tokenRejection()).isEmpty();
		assertThat(retrying.lastPrices(List.of(infy), Instant.parse("2026-10-29T04:45:00Z"))).hasSize(1);
		assertThat(server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void otherErrorTypesAreTransientOrAboutTheRequest() {
		enqueue(400, "{\"status\":\"error\",\"message\":\"invalid from date\",\"data\":null,"
				+ "\"error_type\":\"InputException\"}");
		enqueue(503, "{\"status\":\"error\",\"message\":\"Couldn't connect to the OMS.\",\"data\":null,"
				+ "\"error_type\":\"NetworkException\"}");
		enqueue(502, "{\"status\":\"error\",\"message\":\"Unknown Content-Type in response\",\"data\":null,"
				+ "\"error_type\":\"DataException\"}");
		enqueue(500, "{\"status\":\"error\",\"message\":\"Something went wrong\",\"data\":null,"
				+ "\"error_type\":\"GeneralException\"}");
		LocalDate day = LocalDate.of(2026, 10, 1);
		assertThatThrownBy(() -> client.minuteCandles(infy, day, day)).isInstanceOf(BrokerDataException.class)
			.hasMessageContaining("InputException: invalid from date");
		assertThatThrownBy(() -> client.minuteCandles(infy, day, day)).isInstanceOf(BrokerUnavailableException.class)
			.hasMessageContaining("NetworkException");
		assertThatThrownBy(() -> client.minuteCandles(infy, day, day)).isInstanceOf(BrokerUnavailableException.class)
			.hasMessageContaining("DataException");
		assertThatThrownBy(() -> client.minuteCandles(infy, day, day)).isInstanceOf(BrokerUnavailableException.class)
			.hasMessageContaining("GeneralException");
	}

	@Test
	void anExpiredTokenIsATokenRejectionNamingKite() {
		enqueue(403,
				"{\"status\":\"error\",\"message\":\"Incorrect `api_key` or `access_token`.\",\"error_type\":\"TokenException\"}");
		assertThatThrownBy(() -> client.minuteCandles(infy, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 1)))
			.isInstanceOf(BrokerAuthException.class)
			.hasMessageContaining("kite rejected the access token")
			.hasMessageContaining("06:00 IST")
			.hasMessageNotContaining("my_access_token");
	}

	@Test
	void aRangeOverSixtyDaysIsRefusedBeforeAnyRequest() {
		assertThatThrownBy(() -> client.minuteCandles(infy, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 31)))
			.hasMessageContaining("60 days");
		assertThat(server.getRequestCount()).isZero();
		assertThat(client.limits().lastDayOfRange(LocalDate.of(2026, 9, 1))).isEqualTo(LocalDate.of(2026, 10, 30));
	}

}
