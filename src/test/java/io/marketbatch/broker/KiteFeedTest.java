package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.http.FeedSettings;
import io.marketbatch.broker.http.RequestBudgets;
import io.marketbatch.broker.kite.KiteClient;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;
import io.marketbatch.support.FakeKiteTicker;
import io.marketbatch.support.RecordingFeedListener;

import java.math.BigDecimal;
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
 * Kite's ticker client against a local ticker that speaks Kite's framing: packets become
 * ticks with Kite's divisors and times, a dropped or silent connection is made again and
 * resubscribed with its mode, a 403 stops it after one try, retries are bounded, and
 * subscriptions are split by Kite's limits.
 */
class KiteFeedTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	/** NSE (segment 1), CDS (3), BCD (6) and an index (9): token & 0xFF. */
	private static final Instrument INFY = new Instrument(11, "NSE", "INFY", null, null, "EQ", "408065");

	private static final Instrument USDINR = new Instrument(12, "CDS", "USDINR", null, null, "FUT", "315907");

	private static final Instrument BSE_USDINR = new Instrument(13, "BCD", "USDINR", null, null, "FUT", "1106182");

	private static final Instrument NIFTY = new Instrument(14, "NSE", "NIFTY 50", null, null, "INDEX", "256265");

	private final FakeKiteTicker ticker = new FakeKiteTicker();

	private final RecordingFeedListener events = new RecordingFeedListener();

	private final List<MarketFeed.Subscription> open = new ArrayList<>();

	@AfterEach
	void close() {
		open.forEach(MarketFeed.Subscription::close);
		ticker.close();
	}

	private MarketFeed feed(FeedSettings settings) {
		KiteClient client = new KiteClient("http://127.0.0.1:1/", null,
				TokenProvider.fixed(KiteClient.NAME, FakeKiteTicker.TOKEN, FakeKiteTicker.API_KEY),
				Duration.ofSeconds(2), Clock.systemUTC(), RequestBudgets.inProcess(), FakeKiteTicker.API_KEY,
				ticker.url(), settings);
		return client.marketFeed().orElseThrow();
	}

	private static FeedSettings quick(int attempts, Duration silence) {
		return new FeedSettings(Duration.ofMillis(50), Duration.ofMillis(200), attempts, silence);
	}

	private MarketFeed.Subscription subscribe(MarketFeed feed, List<Instrument> instruments) {
		MarketFeed.Subscription subscription = feed.subscribe(instruments, events);
		open.add(subscription);
		return subscription;
	}

	@Test
	void packetsBecomeTicksWithKitesDivisorsVolumesAndTimes() {
		MarketFeed.Subscription subscription = subscribe(feed(quick(3, Duration.ofSeconds(30))),
				List.of(INFY, USDINR, BSE_USDINR, NIFTY));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 1);
		assertThat(subscription.connected()).isTrue();
		assertThat(events.connected).containsExactly(0);
		List<String> requests = ticker.requests.get(0);
		assertThat(requests).hasSize(2);
		JsonNode subscribe = JSON.readTree(requests.get(0));
		assertThat(subscribe.path("a").asString()).isEqualTo("subscribe");
		assertThat(subscribe.path("v").get(0).isNumber()).as("tokens are JSON numbers").isTrue();
		assertThat(subscribe.path("v").valueStream().map(JsonNode::asLong)).containsExactly(408065L, 315907L, 1106182L,
				256265L);
		JsonNode mode = JSON.readTree(requests.get(1));
		assertThat(mode.path("a").asString()).isEqualTo("mode");
		assertThat(mode.path("v").get(0).asString()).isEqualTo("full");
		assertThat(mode.path("v").get(1).valueStream().map(JsonNode::asLong)).containsExactly(408065L, 315907L,
				1106182L, 256265L);

		Instant before = Instant.now();
		ticker.heartbeat();
		ticker.send(FakeKiteTicker.full(408065, 150025, 3_000_000_000L, 1764906300L, 1764906302L),
				FakeKiteTicker.quote(315907, 835612500, 1200), FakeKiteTicker.full(1106182, 835625, 40, 0, 1764906310L),
				FakeKiteTicker.indexFull(256265, 2412345, 1764906305L), FakeKiteTicker.ltp(408065, 150030),
				FakeKiteTicker.quote(999_999, 100, 5));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.ticks.size() >= 4);
		Instant after = Instant.now();

		assertThat(events.ticks).hasSize(4);
		Tick infy = events.ticks.get(0);
		assertThat(infy.instrumentId()).isEqualTo(11);
		assertThat(infy.price()).isEqualByComparingTo("1500.25");
		// above 2^31: read unsigned
		assertThat(infy.dayVolume()).isEqualTo(3_000_000_000L);
		// full mode: the last trade time, not the exchange timestamp
		assertThat(infy.exchangeTime()).isEqualTo(Instant.parse("2025-12-05T03:45:00Z"));
		assertThat(infy.receivedAt()).isBetween(before, after);

		Tick cds = events.ticks.get(1);
		assertThat(cds.instrumentId()).isEqualTo(12);
		assertThat(cds.price()).isEqualByComparingTo(new BigDecimal("83.56125"));
		assertThat(cds.dayVolume()).isEqualTo(1200);
		// quote mode has no time: the time it was read
		assertThat(cds.exchangeTime()).isEqualTo(cds.receivedAt()).isBetween(before, after);

		Tick bcd = events.ticks.get(2);
		assertThat(bcd.instrumentId()).isEqualTo(13);
		assertThat(bcd.price()).isEqualByComparingTo("83.5625");
		assertThat(bcd.dayVolume()).isEqualTo(40);
		// no last trade time: the exchange timestamp
		assertThat(bcd.exchangeTime()).isEqualTo(Instant.parse("2025-12-05T03:45:10Z"));

		Tick nifty = events.ticks.get(3);
		assertThat(nifty.instrumentId()).isEqualTo(14);
		assertThat(nifty.price()).isEqualByComparingTo("24123.45");
		assertThat(nifty.dayVolume()).isZero();
		assertThat(nifty.exchangeTime()).isEqualTo(Instant.parse("2025-12-05T03:45:05Z"));
	}

	@Test
	void aDroppedConnectionIsMadeAgainAndResubscribedWithItsMode() {
		subscribe(feed(quick(5, Duration.ofSeconds(30))), List.of(INFY));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 1);
		ticker.send(FakeKiteTicker.full(408065, 150025, 1000, 1764906300L, 1764906300L));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.ticks.size() == 1);

		ticker.drop();
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 2);
		assertThat(events.disconnected).hasSize(1);
		assertThat(events.connected).containsExactly(0, 1);
		assertThat(ticker.upgrades).hasValue(2);
		await().atMost(Duration.ofSeconds(5)).until(() -> ticker.requests.get(1).size() == 2);
		assertThat(JSON.readTree(ticker.requests.get(1).get(0)).path("a").asString()).isEqualTo("subscribe");
		assertThat(JSON.readTree(ticker.requests.get(1).get(1)).path("v").get(0).asString()).isEqualTo("full");

		ticker.send(FakeKiteTicker.full(408065, 150100, 1500, 1764906310L, 1764906310L));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.ticks.size() == 2);
		assertThat(events.ticks.get(1).price()).isEqualByComparingTo("1501.00");
		assertThat(events.ticks.get(1).dayVolume()).isEqualTo(1500);
		assertThat(events.stopped).hasNullValue();
	}

	@Test
	void aSilentConnectionIsDroppedAndMadeAgain() {
		subscribe(feed(quick(5, Duration.ofMillis(600))), List.of(INFY));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 1);
		// no frame, not even a heartbeat: the client gives up on it and connects again
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 2);
		assertThat(events.disconnected).first().asString().startsWith("no frame for");
		assertThat(ticker.upgrades.get()).isGreaterThanOrEqualTo(2);
	}

	@Test
	void anExpiredTokenStopsTheFeedAfterOneTry() {
		ticker.validToken = "the day's new token";
		subscribe(feed(quick(5, Duration.ofSeconds(30))), List.of(INFY));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.stopped.get() != null);
		assertThat(events.stopped.get()).isInstanceOf(BrokerAuthException.class).hasMessageContaining("403");
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> ticker.upgrades.get() == 1);
		assertThat(events.stops).hasSize(1);
		assertThat(events.connected).isEmpty();
	}

	@Test
	void reconnectingGivesUpAfterTheConfiguredTries() {
		ticker.down = true;
		subscribe(feed(quick(3, Duration.ofSeconds(30))), List.of(INFY));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.stopped.get() != null);
		assertThat(events.stopped.get()).isInstanceOf(BrokerUnavailableException.class).hasMessageContaining("503");
		// the first try and three reconnects, no more
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> ticker.upgrades.get() == 4);
		assertThat(events.stops).hasSize(1);
	}

	@Test
	void subscriptionsAreSplitByKitesLimits() {
		MarketFeed feed = feed(quick(3, Duration.ofSeconds(30)));
		assertThatThrownBy(() -> feed.subscribe(instruments(9001), events)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("9001 instruments")
			.hasMessageContaining("3 per api_key");

		subscribe(feed, instruments(3001));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 2);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> ticker.requests.size() == 2 && ticker.requests.stream().allMatch(r -> r.size() == 2));
		List<Integer> sizes = ticker.requests.stream()
			.map(r -> JSON.readTree(r.get(0)).path("v").size())
			.sorted()
			.toList();
		assertThat(sizes).containsExactly(1, 3000);
		// two of three connections are in use
		assertThatThrownBy(() -> feed.subscribe(instruments(3001), events)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("subscribe at most 3000");
	}

	private static List<Instrument> instruments(int n) {
		return IntStream.range(0, n)
			.mapToObj(i -> new Instrument(1000 + i, "NSE", "S" + i, null, null, "EQ", String.valueOf((i + 1) << 8 | 1)))
			.toList();
	}

}
