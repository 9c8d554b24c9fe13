package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.dhan.DhanClient;
import io.marketbatch.broker.http.FeedSettings;
import io.marketbatch.broker.http.RequestBudgets;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;
import io.marketbatch.support.FakeDhanFeed;
import io.marketbatch.support.RecordingFeedListener;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Dhan's live feed v2 client against a local feed that speaks Dhan's framing:
 * little-endian packets become ticks (IST-shifted times corrected), subscriptions go in
 * messages of at most 100, and a disconnect with reason 807 stops the feed after one try.
 */
class DhanFeedTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final Instrument RELIANCE = new Instrument(31, "NSE", "RELIANCE", null, null, "EQ", "2885");

	private static final Instrument NIFTY = new Instrument(32, "NSE", "NIFTY 50", null, null, "INDEX", "13");

	/** 2025-12-05 09:15:00 IST as Dhan sends it: IST wall-clock seconds read as UTC. */
	private static final long LTT_0915_IST = 1764906300L + 19_800;

	private final FakeDhanFeed dhan = new FakeDhanFeed();

	private final RecordingFeedListener events = new RecordingFeedListener();

	private final List<MarketFeed.Subscription> open = new ArrayList<>();

	@AfterEach
	void close() {
		open.forEach(MarketFeed.Subscription::close);
		dhan.close();
	}

	private MarketFeed feed() {
		DhanClient client = new DhanClient("http://127.0.0.1:1/", "http://127.0.0.1:1/m.csv", FakeDhanFeed.CLIENT_ID,
				TokenProvider.fixed(DhanClient.NAME, FakeDhanFeed.TOKEN, null), Duration.ofSeconds(2),
				Clock.systemUTC(), RequestBudgets.inProcess(), dhan.url(),
				new FeedSettings(Duration.ofMillis(50), Duration.ofMillis(200), 3, Duration.ofSeconds(5)));
		return client.marketFeed().orElseThrow();
	}

	private MarketFeed.Subscription subscribe(MarketFeed feed, List<Instrument> instruments) {
		MarketFeed.Subscription subscription = feed.subscribe(instruments, events);
		open.add(subscription);
		return subscription;
	}

	@Test
	void littleEndianPacketsBecomeTicks() {
		subscribe(feed(), List.of(RELIANCE, NIFTY));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 1);
		await().atMost(Duration.ofSeconds(5)).until(() -> dhan.requests.get(0).size() == 1);
		JsonNode request = JSON.readTree(dhan.requests.get(0).get(0));
		assertThat(request.path("RequestCode").asInt()).isEqualTo(21);
		assertThat(request.path("InstrumentCount").asInt()).isEqualTo(2);
		assertThat(request.path("InstrumentList").get(0).path("ExchangeSegment").asString()).isEqualTo("NSE_EQ");
		assertThat(request.path("InstrumentList").get(0).path("SecurityId").asString()).isEqualTo("2885");
		assertThat(request.path("InstrumentList").get(1).path("ExchangeSegment").asString()).isEqualTo("IDX_I");

		dhan.send(FakeDhanFeed.previousClose(1, 2885, 1390.1f),
				FakeDhanFeed.full(1, 2885, 1402.35f, LTT_0915_IST, 3_000_000_000L),
				FakeDhanFeed.ticker(0, 13, 26012.5f, LTT_0915_IST + 5),
				FakeDhanFeed.full(1, 9999, 10f, LTT_0915_IST, 5));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.ticks.size() == 2);
		Tick reliance = events.ticks.get(0);
		assertThat(reliance.instrumentId()).isEqualTo(31);
		assertThat(reliance.price()).isEqualByComparingTo("1402.35");
		assertThat(reliance.dayVolume()).isEqualTo(3_000_000_000L);
		assertThat(reliance.exchangeTime()).isEqualTo(Instant.parse("2025-12-05T03:45:00Z"));
		Tick nifty = events.ticks.get(1);
		assertThat(nifty.instrumentId()).isEqualTo(32);
		assertThat(nifty.price()).isEqualByComparingTo("26012.50");
		assertThat(nifty.dayVolume()).isZero();
		assertThat(nifty.exchangeTime()).isEqualTo(Instant.parse("2025-12-05T03:45:05Z"));
	}

	@Test
	void disconnectReason807StopsTheFeedAfterOneTry() {
		subscribe(feed(), List.of(RELIANCE));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 1);
		dhan.disconnect(807);
		await().atMost(Duration.ofSeconds(5)).until(() -> events.stopped.get() != null);
		assertThat(events.stopped.get()).isInstanceOf(BrokerAuthException.class)
			.hasMessageContaining("807")
			.hasMessageContaining("expired");
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> dhan.upgrades.get() == 1);
		assertThat(events.stops).hasSize(1);
	}

	@Test
	void anotherDisconnectIsFollowedByAReconnectAndANewSubscription() {
		subscribe(feed(), List.of(RELIANCE));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 1);
		dhan.disconnect(800);
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 2);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> dhan.requests.size() == 2 && dhan.requests.get(1).size() == 1);
		assertThat(events.stopped).hasNullValue();
	}

	@Test
	void subscriptionsGoInMessagesOfAHundredWithinDhansLimits() {
		MarketFeed feed = feed();
		assertThatThrownBy(() -> feed.subscribe(instruments(25_001), events))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("5 per user");
		subscribe(feed, instruments(501));
		await().atMost(Duration.ofSeconds(5))
			.until(() -> dhan.requests.size() == 1 && dhan.requests.get(0).size() == 6);
		List<Integer> counts = dhan.requests.get(0)
			.stream()
			.map(r -> JSON.readTree(r).path("InstrumentList").size())
			.toList();
		assertThat(counts).containsExactly(100, 100, 100, 100, 100, 1);
	}

	private static List<Instrument> instruments(int n) {
		return IntStream.range(0, n)
			.mapToObj(i -> new Instrument(1000 + i, "NSE", "S" + i, null, null, "EQ", String.valueOf(10_000 + i)))
			.toList();
	}

}
