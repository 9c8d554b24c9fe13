package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.http.FeedSettings;
import io.marketbatch.broker.http.RequestBudgets;
import io.marketbatch.broker.upstox.UpstoxClient;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.Feed;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.FeedResponse;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.FullFeed;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.IndexFullFeed;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.LTPC;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.MarketFullFeed;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.Type;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;
import io.marketbatch.support.FakeUpstoxFeed;
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
 * Upstox's Market Data Feed V3 client against a local feed that speaks Upstox's framing:
 * protobuf frames become ticks, a drop is followed by a new authorization (the URL is
 * single-use) and a new subscription, a rejected token stops the feed after one try.
 */
class UpstoxFeedTest {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String RELIANCE_KEY = "NSE_EQ|INE002A01018";

	private static final String NIFTY_KEY = "NSE_INDEX|Nifty 50";

	private static final Instrument RELIANCE = new Instrument(21, "NSE", "RELIANCE", null, null, "EQ", RELIANCE_KEY);

	private static final Instrument NIFTY = new Instrument(22, "NSE", "NIFTY 50", null, null, "INDEX", NIFTY_KEY);

	private final FakeUpstoxFeed upstox = new FakeUpstoxFeed();

	private final RecordingFeedListener events = new RecordingFeedListener();

	private final RequestBudgets budgets = RequestBudgets.inProcess();

	private final List<MarketFeed.Subscription> open = new ArrayList<>();

	@AfterEach
	void close() {
		open.forEach(MarketFeed.Subscription::close);
		upstox.close();
	}

	private MarketFeed feed(int attempts) {
		UpstoxClient client = new UpstoxClient(upstox.url(), upstox.url() + "NSE.json.gz",
				TokenProvider.fixed(UpstoxClient.NAME, FakeUpstoxFeed.TOKEN, null), Duration.ofSeconds(2), budgets,
				new FeedSettings(Duration.ofMillis(50), Duration.ofMillis(200), attempts, Duration.ofSeconds(5)),
				Clock.systemUTC());
		return client.marketFeed().orElseThrow();
	}

	private MarketFeed.Subscription subscribe(MarketFeed feed, List<Instrument> instruments) {
		MarketFeed.Subscription subscription = feed.subscribe(instruments, events);
		open.add(subscription);
		return subscription;
	}

	private static Feed market(double ltp, long ltt, long vtt) {
		return Feed.newBuilder()
			.setFullFeed(FullFeed.newBuilder()
				.setMarketFF(MarketFullFeed.newBuilder()
					.setLtpc(LTPC.newBuilder().setLtp(ltp).setLtt(ltt).setLtq(5).setCp(1390.1))
					.setAtp(1400.2)
					.setVtt(vtt)))
			.build();
	}

	private static Tick of(List<Tick> ticks, long instrumentId) {
		return ticks.stream().filter(t -> t.instrumentId() == instrumentId).findFirst().orElseThrow();
	}

	@Test
	void protobufFramesBecomeTicks() {
		MarketFeed.Subscription subscription = subscribe(feed(3), List.of(RELIANCE, NIFTY));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 1);
		assertThat(subscription.connected()).isTrue();
		// the authorization spent the account's request budget
		assertThat(budgets.candleLimitOf(UpstoxClient.NAME).orElseThrow().acquired()).isEqualTo(1);
		await().atMost(Duration.ofSeconds(5)).until(() -> upstox.requests.get(0).size() == 1);
		assertThat(upstox.textRequests).as("requests go as binary frames").isEmpty();
		JsonNode sub = JSON.readTree(upstox.requests.get(0).get(0));
		assertThat(sub.path("guid").asString()).isNotBlank();
		assertThat(sub.path("method").asString()).isEqualTo("sub");
		assertThat(sub.path("data").path("mode").asString()).isEqualTo("full");
		assertThat(sub.path("data").path("instrumentKeys").valueStream().map(JsonNode::asString))
			.containsExactly(RELIANCE_KEY, NIFTY_KEY);

		Feed nifty = Feed.newBuilder()
			.setFullFeed(FullFeed.newBuilder()
				.setIndexFF(IndexFullFeed.newBuilder()
					.setLtpc(LTPC.newBuilder().setLtp(26012.5).setLtt(1764906299500L).setCp(25950))))
			.build();
		upstox.send(FeedResponse.newBuilder()
			.setType(Type.initial_feed)
			.putFeeds(RELIANCE_KEY, market(1402.35, 1764906300123L, 1234567))
			.putFeeds(NIFTY_KEY, nifty)
			.putFeeds("NSE_EQ|INE467B01029", market(3900.0, 1764906300000L, 99))
			.setCurrentTs(1764906300200L)
			.build());
		await().atMost(Duration.ofSeconds(5)).until(() -> events.ticks.size() == 2);
		Tick reliance = of(events.ticks, 21);
		assertThat(reliance.price()).isEqualByComparingTo("1402.35");
		assertThat(reliance.dayVolume()).isEqualTo(1234567);
		assertThat(reliance.exchangeTime()).isEqualTo(Instant.parse("2025-12-05T03:45:00.123Z"));
		Tick index = of(events.ticks, 22);
		assertThat(index.price()).isEqualByComparingTo("26012.5");
		assertThat(index.dayVolume()).isZero();
		assertThat(index.exchangeTime()).isEqualTo(Instant.parse("2025-12-05T03:44:59.500Z"));

		// a full feed with neither market nor index data says nothing
		upstox.send(FeedResponse.newBuilder()
			.setType(Type.live_feed)
			.putFeeds(RELIANCE_KEY, Feed.newBuilder().setFullFeed(FullFeed.newBuilder()).build())
			.build());
		// an update that leaves the unchanged volume out keeps the last one
		upstox.send(FeedResponse.newBuilder()
			.setType(Type.live_feed)
			.putFeeds(RELIANCE_KEY, market(1402.4, 1764906301000L, 0))
			.build());
		await().atMost(Duration.ofSeconds(5)).until(() -> events.ticks.size() == 3);
		Tick update = events.ticks.get(2);
		assertThat(update.price()).isEqualByComparingTo("1402.40");
		assertThat(update.dayVolume()).isEqualTo(1234567);
		assertThat(update.exchangeTime()).isEqualTo(Instant.parse("2025-12-05T03:45:01Z"));
	}

	@Test
	void aDropIsFollowedByAFreshAuthorizationAndANewSubscription() {
		subscribe(feed(5), List.of(RELIANCE));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 1);
		upstox.drop();
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 2);
		assertThat(events.connected).containsExactly(0, 1);
		assertThat(events.disconnected).hasSize(1);
		// the URL is single-use: one authorization per connection
		assertThat(upstox.authorizations).hasValue(2);
		assertThat(upstox.codes).doesNotHaveDuplicates().hasSize(2);
		await().atMost(Duration.ofSeconds(5))
			.until(() -> upstox.requests.size() == 2 && upstox.requests.get(1).size() == 1);
		assertThat(JSON.readTree(upstox.requests.get(1).get(0)).path("method").asString()).isEqualTo("sub");

		upstox.send(FeedResponse.newBuilder()
			.setType(Type.live_feed)
			.putFeeds(RELIANCE_KEY, market(1403.0, 1764906360000L, 1300000))
			.build());
		await().atMost(Duration.ofSeconds(5)).until(() -> events.ticks.size() == 1);
		assertThat(events.ticks.get(0).price()).isEqualByComparingTo("1403");
		assertThat(events.ticks.get(0).dayVolume()).isEqualTo(1300000);
	}

	@Test
	void aRejectedTokenOnTheAuthorizationStopsTheFeedAfterOneTry() {
		upstox.validToken = "the day's new token";
		subscribe(feed(5), List.of(RELIANCE));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.stopped.get() != null);
		assertThat(events.stopped.get()).isInstanceOf(BrokerAuthException.class).hasMessageContaining("401");
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> upstox.authorizations.get() == 1 && upstox.upgrades.get() == 0);
		assertThat(events.stops).hasSize(1);
	}

	@Test
	void a401OnTheUpgradeStopsTheFeedAfterOneTry() {
		upstox.upgradeStatus = 401;
		subscribe(feed(5), List.of(RELIANCE));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.stopped.get() != null);
		assertThat(events.stopped.get()).isInstanceOf(BrokerAuthException.class).hasMessageContaining("401");
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> upstox.upgrades.get() == 1);
		assertThat(events.connected).isEmpty();
	}

	@Test
	void otherRefusalsAreRetriedAFewTimesWithAFreshUrlEach() {
		upstox.upgradeStatus = 403;
		subscribe(feed(2), List.of(RELIANCE));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.stopped.get() != null);
		assertThat(events.stopped.get()).isInstanceOf(BrokerUnavailableException.class);
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> upstox.upgrades.get() == 3 && upstox.authorizations.get() == 3);
	}

	@Test
	void upstoxsLimitsAreKept() {
		MarketFeed feed = feed(3);
		List<Instrument> many = IntStream.range(0, 2001)
			.mapToObj(i -> new Instrument(100 + i, "NSE", "S" + i, null, null, "EQ", "NSE_EQ|K" + i))
			.toList();
		assertThatThrownBy(() -> feed.subscribe(many, events)).isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("2001 instruments")
			.hasMessageContaining("2000 keys in full mode");
		MarketFeed.Subscription first = subscribe(feed, List.of(RELIANCE));
		assertThatThrownBy(() -> feed.subscribe(List.of(NIFTY), events)).isInstanceOf(IllegalStateException.class)
			.hasMessageContaining("one connection per app and user");
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 1);
		first.close();
		// closed: the one connection is free again
		subscribe(feed, List.of(NIFTY));
		await().atMost(Duration.ofSeconds(5)).until(() -> events.connected.size() == 2);
		assertThat(upstox.requests).hasSize(2);
	}

}
