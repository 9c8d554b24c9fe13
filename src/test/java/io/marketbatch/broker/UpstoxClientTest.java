package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.broker.upstox.UpstoxClient;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.concurrent.TimeUnit;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Upstox client against payloads written from the v3 reference, served locally. */
class UpstoxClientTest {

	private final MockWebServer server = new MockWebServer();

	private UpstoxClient upstox;

	private MarketDataSource retrying;

	private final Instrument reliance = new Instrument(3, "NSE", "RELIANCE", "INE002A01018", null, "EQ",
			"NSE_EQ|INE002A01018");

	private final Instrument mm = new Instrument(4, "NSE", "M&M", "INE101A01026", null, "EQ", "NSE_EQ|INE101A01026");

	private static final String CANDLES = """
			{"status":"success","data":{"candles":[
			["2026-10-29T10:16:00+05:30",1301.5,1302,1300.1,1301,12000,0],
			["2026-10-29T10:15:00+05:30",1300,1301.9,1299.55,1301.5,15000,0]]}}""";

	@BeforeEach
	void start() throws Exception {
		server.start();
		upstox = new UpstoxClient(server.url("/").toString(), server.url("/NSE.json.gz").toString(), "secret-token",
				Duration.ofMillis(500));
		retrying = new RetryingMarketDataSource(upstox, 3, Duration.ofMillis(10), 2);
	}

	@AfterEach
	void stop() {
		server.close();
	}

	private void enqueue(int code, String body) {
		server.enqueue(new MockResponse.Builder().code(code).body(body).build());
	}

	@Test
	void newestFirstCandlesComeBackOldestFirstAtTheRightInstant() throws Exception {
		enqueue(200, CANDLES);
		List<Candle> candles = upstox.minuteCandles(reliance, LocalDate.of(2026, 10, 1), LocalDate.of(2026, 10, 31));
		assertThat(candles).extracting(Candle::ts)
			.containsExactly(Instant.parse("2026-10-29T04:45:00Z"), Instant.parse("2026-10-29T04:46:00Z"));
		assertThat(candles.get(0).low()).isEqualByComparingTo("1299.55");
		RecordedRequest request = server.takeRequest();
		assertThat(request.getUrl().encodedPath())
			.isEqualTo("/v3/historical-candle/NSE_EQ%7CINE002A01018/minutes/1/2026-10-31/2026-10-01");
		assertThat(request.getHeaders().get("Authorization")).isEqualTo("Bearer secret-token");
	}

	@Test
	void theJsonMasterGivesTickSizesInPaiseStoredInRupees() {
		// rows as in Upstox's NSE.json.gz (tick_size 5.0 where the CSV says 0.05)
		enqueue(200, """
				[{"segment":"NSE_EQ","name":"RELIANCE INDUSTRIES LTD","exchange":"NSE","isin":"INE002A01018",
				"instrument_type":"EQ","instrument_key":"NSE_EQ|INE002A01018","lot_size":1,"freeze_quantity":100000.0,
				"exchange_token":"2885","tick_size":5.0,"trading_symbol":"RELIANCE","short_name":"Reliance",
				"security_type":"NORMAL"},
				{"segment":"NSE_EQ","name":"MRF LTD","exchange":"NSE","isin":"INE883A01011","instrument_type":"EQ",
				"instrument_key":"NSE_EQ|INE883A01011","lot_size":1,"exchange_token":"2277","tick_size":500.0,
				"trading_symbol":"MRF","short_name":"MRF","security_type":"NORMAL"}]""");
		List<MasterInstrument> master = upstox.instrumentMaster();
		assertThat(master).extracting(MasterInstrument::symbol).containsExactly("RELIANCE", "MRF");
		assertThat(master.get(0).tickSize()).isEqualByComparingTo("0.05");
		assertThat(master.get(1).tickSize()).isEqualByComparingTo("5");
		assertThat(master.get(1).tickSize().toPlainString()).isEqualTo("5");
	}

	@Test
	void ltpIsMappedBackThroughTheInstrumentToken() throws Exception {
		enqueue(200,
				"""
						{"status":"success","data":{
						 "NSE_EQ:M&M":{"last_price":3210.5,"instrument_token":"NSE_EQ|INE101A01026","ltq":5,"volume":812345,"cp":3200.0},
						 "NSE_EQ:RELIANCE":{"last_price":1300.0,"instrument_token":"NSE_EQ|INE002A01018","ltq":1,"volume":99,"cp":1310.0}}}""");
		List<LtpQuote> quotes = upstox.lastPrices(List.of(reliance, mm), Instant.parse("2026-10-29T04:45:00Z"));
		assertThat(quotes).hasSize(2);
		LtpQuote m = quotes.stream().filter(q -> q.instrumentId() == 4).findFirst().orElseThrow();
		assertThat(m.ltp()).isEqualByComparingTo("3210.5");
		assertThat(m.change()).isEqualByComparingTo("10.5");
		assertThat(m.volume()).isEqualTo(812345);
		RecordedRequest request = server.takeRequest();
		assertThat(request.getUrl().encodedQuery())
			.isEqualTo("instrument_key=NSE_EQ%7CINE002A01018,NSE_EQ%7CINE101A01026");
	}

	@Test
	void aRangeOverOneMonthIsRefusedBeforeAnyRequest() {
		assertThatThrownBy(() -> upstox.minuteCandles(reliance, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1)))
			.hasMessageContaining("one month");
		assertThat(server.getRequestCount()).isZero();
	}

	@Test
	void rateLimitedThenSuccessIsRetried() {
		enqueue(429,
				"{\"status\":\"error\",\"errors\":[{\"error_code\":\"UDAPI10005\",\"message\":\"Too Many Request Sent\"}]}");
		enqueue(200, CANDLES);
		assertThat(retrying.minuteCandles(reliance, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29))).hasSize(2);
		assertThat(server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void serverErrorsAreRetried() {
		enqueue(500,
				"{\"status\":\"error\",\"errors\":[{\"error_code\":\"UDAPI100500\",\"message\":\"Something went wrong\"}]}");
		enqueue(503, "<html>Service Unavailable</html>");
		enqueue(200, CANDLES);
		assertThat(retrying.minuteCandles(reliance, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29))).hasSize(2);
		assertThat(server.getRequestCount()).isEqualTo(3);
	}

	@Test
	void aTimeoutIsTransientAndRetried() {
		server.enqueue(new MockResponse.Builder().code(200).body(CANDLES).headersDelay(2, TimeUnit.SECONDS).build());
		enqueue(200, CANDLES);
		assertThat(retrying.minuteCandles(reliance, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29))).hasSize(2);
		assertThat(server.getRequestCount()).isEqualTo(2);
	}

	@Test
	void truncatedJsonIsADataErrorForThatInstrument() {
		enqueue(200, CANDLES.substring(0, CANDLES.length() / 2));
		assertThatThrownBy(
				() -> retrying.minuteCandles(reliance, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29)))
			.isInstanceOf(BrokerDataException.class)
			.hasMessageContaining("malformed JSON");
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void aRejectedTokenFailsAfterExactlyOneRequestAndSaysHowToRenewIt() {
		for (int i = 0; i < 3; i++) {
			enqueue(401,
					"{\"status\":\"error\",\"errors\":[{\"errorCode\":\"UDAPI100050\",\"message\":\"Invalid token used to access API\"}]}");
		}
		assertThatThrownBy(
				() -> retrying.minuteCandles(reliance, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29)))
			.isInstanceOf(BrokerAuthException.class)
			.hasMessageContaining("upstox rejected the access token")
			.hasMessageContaining("UDAPI100050")
			.hasMessageContaining("MARKETBATCH_UPSTOX_ACCESS_TOKEN")
			.hasMessageNotContaining("secret-token");
		assertThatThrownBy(() -> retrying.minuteCandles(mm, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29)))
			.isInstanceOf(BrokerAuthException.class);
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

}
