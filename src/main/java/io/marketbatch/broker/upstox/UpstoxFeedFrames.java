package io.marketbatch.broker.upstox;

import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.Feed;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.FeedResponse;
import io.marketbatch.broker.upstox.proto.MarketDataFeedV3.LTPC;
import io.marketbatch.market.Tick;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Upstox feed V3 frames ({@code FeedResponse}, protobuf) to ticks: the last price and
 * time from the feed's LTPC (plain, market full, index full or first level with greeks),
 * the day's volume from {@code vtt}. Prices are rupees, {@code ltt} epoch milliseconds.
 * An update may leave out what did not change (proto3 sends no zeros), so a zero price or
 * volume means "as before": each key's last known values fill them in; a key never seen
 * with a price gives no tick. Indices have no volume (0).
 */
final class UpstoxFeedFrames {

	private record Last(double price, long volume) {
	}

	private final Map<String, Long> idsByKey;

	private final Map<String, Last> last = new ConcurrentHashMap<>();

	UpstoxFeedFrames(Map<String, Long> idsByKey) {
		this.idsByKey = idsByKey;
	}

	void read(FeedResponse response, Instant receivedAt, Consumer<Tick> ticks) {
		for (Map.Entry<String, Feed> entry : response.getFeedsMap().entrySet()) {
			Long id = idsByKey.get(entry.getKey());
			if (id == null) {
				continue;
			}
			Feed feed = entry.getValue();
			LTPC ltpc;
			long volume = 0;
			switch (feed.getFeedUnionCase()) {
				case LTPC -> ltpc = feed.getLtpc();
				case FULLFEED -> {
					if (feed.getFullFeed().hasMarketFF()) {
						ltpc = feed.getFullFeed().getMarketFF().getLtpc();
						volume = feed.getFullFeed().getMarketFF().getVtt();
					}
					else if (feed.getFullFeed().hasIndexFF()) {
						ltpc = feed.getFullFeed().getIndexFF().getLtpc();
					}
					else {
						continue;
					}
				}
				case FIRSTLEVELWITHGREEKS -> {
					ltpc = feed.getFirstLevelWithGreeks().getLtpc();
					volume = feed.getFirstLevelWithGreeks().getVtt();
				}
				default -> {
					continue;
				}
			}
			Last before = last.get(entry.getKey());
			double price = ltpc.getLtp() > 0 ? ltpc.getLtp() : before == null ? 0 : before.price();
			long dayVolume = volume > 0 ? volume : before == null ? 0 : before.volume();
			if (price <= 0 || Double.isNaN(price) || Double.isInfinite(price)) {
				continue;
			}
			last.put(entry.getKey(), new Last(price, dayVolume));
			Instant at = ltpc.getLtt() > 0 ? Instant.ofEpochMilli(ltpc.getLtt()) : receivedAt;
			// valueOf: the double's shortest decimal, 2456.35 and not 2456.349999...
			ticks.accept(new Tick(id, at, BigDecimal.valueOf(price), dayVolume, receivedAt));
		}
	}

}
