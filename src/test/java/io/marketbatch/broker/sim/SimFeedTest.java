package io.marketbatch.broker.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.BrokerAuthException;
import io.marketbatch.broker.BrokerException;
import io.marketbatch.broker.MarketFeed;
import io.marketbatch.market.Candle;
import io.marketbatch.market.ClosedMinute;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Tick;
import io.marketbatch.market.TickFolder;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.support.TestCalendars;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

class SimFeedTest {

	private final TradingCalendar calendar = TestCalendars.nse();

	private final LocalDate day = LocalDate.of(2026, 10, 29);

	private final Instrument reliance = new Instrument(1, "NSE", "RELIANCE", null, null, "EQ", "SIM|RELIANCE");

	private final Instrument cams = new Instrument(2, "NSE", "CAMS", null, null, "EQ", "SIM|CAMS");

	private final SimTrading trading = SimTrading.parse("CAMS:0.3", Duration.ZERO, Duration.ZERO, List.of());

	@Test
	void aDayOfTicksFoldsIntoTheBrokersOwnCandles() {
		Clock after = Clock.fixed(Instant.parse("2026-10-30T12:00:00Z"), ZoneOffset.UTC);
		SimFaults faults = new SimFaults(after, Duration.ZERO, 0, null, null, 1);
		SimulatedBroker broker = new SimulatedBroker(() -> calendar, after, faults, trading);
		SimFeed feed = new SimFeed(exchange -> calendar, after, faults, trading);
		Instant open = calendar.sessionOpen(day);
		Instant close = calendar.sessionClose(day);
		// in slices, as a stream would see them
		List<Tick> ticks = new ArrayList<>();
		for (Instant t = open.minusSeconds(60); t.isBefore(close); t = t.plusSeconds(7)) {
			ticks.addAll(feed.ticks(List.of(reliance, cams), t, t.plusSeconds(7), t));
		}
		TickFolder folder = new TickFolder(List.of(1L, 2L), open, open, Duration.ofSeconds(2));
		folder.connected(open.minusSeconds(60));
		List<Candle> live = new ArrayList<>();
		List<Instant> camsNoTrade = new ArrayList<>();
		int next = 0;
		for (Instant m = open; m.isBefore(close); m = m.plusSeconds(60)) {
			Instant end = m.plusSeconds(60);
			while (next < ticks.size() && ticks.get(next).exchangeTime().isBefore(end)) {
				assertThat(folder.accept(ticks.get(next++))).isTrue();
			}
			ClosedMinute closed = folder.closeDue(end.plusSeconds(2)).orElseThrow();
			assertThat(closed.missed()).isEmpty();
			live.addAll(closed.candles());
			if (closed.noTrade().contains(2L)) {
				camsNoTrade.add(m);
			}
		}
		List<Candle> history = new ArrayList<>(broker.minuteCandles(reliance, day, day));
		history.addAll(broker.minuteCandles(cams, day, day));
		Comparator<Candle> order = Comparator.comparing(Candle::instrumentId).thenComparing(Candle::ts);
		live.sort(order);
		history.sort(order);
		assertThat(live).hasSize(history.size()).isEqualTo(history);
		assertThat(history).filteredOn(c -> c.instrumentId() == 1).hasSize(375);
		// CAMS misses about 30% of its minutes: exactly those are no-trade minutes live
		Set<Instant> camsTraded = Set
			.copyOf(history.stream().filter(c -> c.instrumentId() == 2).map(Candle::ts).toList());
		assertThat(camsNoTrade).hasSize(375 - camsTraded.size()).doesNotContainAnyElementsOf(camsTraded);
		assertThat(camsNoTrade.size()).isBetween(75, 150);
	}

	@Test
	void streamsInRealTimeOffTheClockAndStopsOnARejectedToken() {
		// 14.5 s into 11:30 IST on a trading day: the high tick is half a second away
		Instant start = Instant.parse("2026-10-29T06:00:14.500Z");
		Clock clock = Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), start));
		SimFaults faults = new SimFaults(clock, Duration.ZERO, 0, null, null, 1);
		SimFeed feed = new SimFeed(exchange -> calendar, clock, faults, trading, 50);
		List<Tick> ticks = new CopyOnWriteArrayList<>();
		AtomicReference<BrokerException> stopped = new AtomicReference<>();
		List<Integer> connects = new CopyOnWriteArrayList<>();
		MarketFeed.Subscription subscription = feed.subscribe(List.of(reliance), new MarketFeed.Listener() {
			@Override
			public void onTick(Tick tick) {
				ticks.add(tick);
			}

			@Override
			public void onConnected(int attempt) {
				connects.add(attempt);
			}

			@Override
			public void onStopped(BrokerException cause) {
				stopped.set(cause);
			}
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> ticks.size() >= 2);
		assertThat(connects).containsExactly(0);
		assertThat(subscription.connected()).isTrue();
		Instant minute = Instant.parse("2026-10-29T06:00:00Z");
		SimMarket.Bar bar = SimMarket.bar(SimMarket.seedOf("RELIANCE"), minute, false);
		// first the snapshot of the last trade (the open at :01), then the high at :15
		assertThat(ticks.get(0).exchangeTime()).isEqualTo(minute.plusSeconds(1));
		assertThat(ticks.get(0).price()).isEqualByComparingTo(SimMarket.rupees(bar.open()));
		assertThat(ticks.get(1).exchangeTime()).isEqualTo(minute.plusSeconds(15));
		assertThat(ticks.get(1).price()).isEqualByComparingTo(SimMarket.rupees(bar.high()));
		assertThat(ticks.get(1).dayVolume()).isGreaterThan(ticks.get(0).dayVolume());
		faults.rejectToken(true);
		// the next keep-alive check (at the next minute) would notice; a fresh connect at
		// once
		AtomicReference<BrokerException> refused = new AtomicReference<>();
		feed.subscribe(List.of(reliance), new MarketFeed.Listener() {
			@Override
			public void onTick(Tick tick) {
			}

			@Override
			public void onStopped(BrokerException cause) {
				refused.set(cause);
			}
		});
		await().atMost(Duration.ofSeconds(5)).until(() -> refused.get() != null);
		assertThat(refused.get()).isInstanceOf(BrokerAuthException.class);
		subscription.close();
		await().atMost(Duration.ofSeconds(5)).until(() -> !subscription.connected());
		assertThat(stopped.get()).isNull();
	}

}
