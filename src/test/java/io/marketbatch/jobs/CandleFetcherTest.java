package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.upstox.UpstoxClient;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import io.marketbatch.store.CalendarMismatches;
import io.marketbatch.support.TestDatabases;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Days before a broker's history depth (Upstox v3 minute candles start in January 2022)
 * are unavailable, not failed, and never asked for.
 */
class CandleFetcherTest {

	private final MockWebServer server = new MockWebServer();

	private final Instrument reliance = new Instrument(3, "NSE", "RELIANCE", "INE002A01018", null, "EQ",
			"NSE_EQ|INE002A01018");

	private CandleFetcher fetcher;

	@BeforeEach
	void start() throws Exception {
		server.start();
		UpstoxClient upstox = new UpstoxClient(server.url("/").toString(), server.url("/NSE.json.gz").toString(),
				"secret-token", Duration.ofSeconds(2));
		Clock clock = Clock.fixed(Instant.parse("2026-10-29T06:00:00Z"), ZoneOffset.UTC);
		fetcher = new CandleFetcher(upstox, () -> TradingCalendar.nse(List.of()),
				// no candle of these answers is off the calendar, so the drift recorder's
				// table is
				// never touched
				new CalendarDrift(
						new CalendarMismatches(
								JdbcClient.create(new DriverManagerDataSource(TestDatabases.newH2Database("fetcher")))),
						clock),
				clock);
	}

	@AfterEach
	void stop() {
		server.close();
	}

	@Test
	void aWindowAcrossTheDepthAsksOnlyForTheDaysTheBrokerKeeps() throws Exception {
		server.enqueue(new MockResponse.Builder().code(200).body("""
				{"status":"success","data":{"candles":[
				["2022-01-03T09:16:00+05:30",2373.5,2375,2372.1,2374.4,8123,0],
				["2022-01-03T09:15:00+05:30",2370,2374,2369.5,2373.5,15512,0]]}}""").build());
		LocalDate from = LocalDate.of(2021, 12, 20);
		LocalDate to = LocalDate.of(2022, 1, 3);
		CandleBatch batch = fetcher.process(new FetchWindow(reliance, from, to,
				Set.of(LocalDate.of(2021, 12, 20), LocalDate.of(2021, 12, 31), LocalDate.of(2022, 1, 3))));
		assertThat(batch.failed()).isFalse();
		assertThat(batch.candles()).hasSize(2);
		assertThat(batch.candles().get(0).ts()).isEqualTo(Instant.parse("2022-01-03T03:45:00Z"));
		assertThat(batch.unavailable()).contains("unavailable, not a failure: upstox keeps 1-minute candles from "
				+ "2022-01-01; 2021-12-20..2021-12-31 not asked for");
		assertThat(server.takeRequest().getUrl().encodedPath())
			.isEqualTo("/v3/historical-candle/NSE_EQ%7CINE002A01018/minutes/1/2022-01-03/2022-01-01");
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

	@Test
	void aWindowBeforeTheDepthIsAnEmptySuccessWithoutARequest() {
		LocalDate from = LocalDate.of(2021, 11, 1);
		LocalDate to = LocalDate.of(2021, 11, 30);
		CandleBatch batch = fetcher.process(new FetchWindow(reliance, from, to, Set.of(from, to)));
		assertThat(batch.failed()).isFalse();
		assertThat(batch.candles()).isEmpty();
		assertThat(batch.unavailable()).contains("unavailable, not a failure: upstox keeps 1-minute candles from "
				+ "2022-01-01; 2021-11-01..2021-11-30 not asked for");
		assertThat(server.getRequestCount()).isZero();
	}

	@Test
	void aWindowInsideTheDepthHasNoNote() {
		server.enqueue(new MockResponse.Builder().code(200)
			.body("{\"status\":\"success\",\"data\":{\"candles\":[]}}")
			.build());
		LocalDate day = LocalDate.of(2026, 10, 28);
		CandleBatch batch = fetcher.process(new FetchWindow(reliance, day, day, Set.of(day)));
		assertThat(batch.failed()).isFalse();
		assertThat(batch.unavailable()).isEmpty();
		assertThat(server.getRequestCount()).isEqualTo(1);
	}

}
