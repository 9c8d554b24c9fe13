package io.marketbatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A scripted tick sequence folded into minutes, against values worked out by hand. */
class TickFolderTest {

	/** 2026-10-29 09:15 IST. */
	private static final Instant OPEN = Instant.parse("2026-10-29T03:45:00Z");

	private static final Duration GRACE = Duration.ofSeconds(2);

	private static Instant at(int minute, int second) {
		return OPEN.plusSeconds(minute * 60L + second);
	}

	private static Tick tick(long id, int minute, int second, String price, long dayVolume) {
		return new Tick(id, at(minute, second), new BigDecimal(price), dayVolume, at(minute, second));
	}

	@Test
	void joinedBeforeTheOpenEveryMinuteIsGoodAndVolumesAreDifferences() {
		TickFolder folder = new TickFolder(List.of(1L, 2L), OPEN, OPEN, GRACE);
		folder.connected(OPEN.minusSeconds(120));
		// minute 0: instrument 1 trades 4 times, 2 not at all
		folder.accept(tick(1, 0, 1, "100.00", 10));
		folder.accept(tick(1, 0, 20, "101.50", 25));
		folder.accept(tick(1, 0, 40, "99.75", 31));
		// out of order by arrival: the close is the latest exchange time
		folder.accept(tick(1, 0, 59, "100.25", 40));
		folder.accept(tick(1, 0, 50, "100.10", 38));
		// minute 1's tick arrives before minute 0 closes (within the grace)
		folder.accept(tick(2, 1, 0, "50.00", 500));
		assertThat(folder.closeDue(at(1, 1))).isEmpty();
		ClosedMinute first = folder.closeDue(at(1, 2)).orElseThrow();
		assertThat(first.minute()).isEqualTo(OPEN);
		assertThat(first.candles()).containsExactly(new Candle(1, Timeframe.M1, OPEN, new BigDecimal("100.00"),
				new BigDecimal("101.50"), new BigDecimal("99.75"), new BigDecimal("100.25"), 40, null));
		assertThat(first.noTrade()).containsExactly(2L);
		assertThat(first.missed()).isEmpty();
		// a late tick for minute 0 is dropped
		assertThat(folder.accept(tick(1, 0, 58, "130.00", 41))).isFalse();
		assertThat(folder.lateTicks()).isEqualTo(1);
		folder.accept(tick(1, 1, 30, "100.30", 52));
		ClosedMinute second = folder.closeDue(at(2, 5)).orElseThrow();
		assertThat(second.candles()).extracting(Candle::instrumentId, Candle::volume)
			.containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple(1L, 12L),
					org.assertj.core.groups.Tuple.tuple(2L, 500L));
		assertThat(second.candles()).filteredOn(c -> c.instrumentId() == 1)
			.singleElement()
			.satisfies(c -> assertThat(c.close()).isEqualByComparingTo("100.30"));
		// the watermark closes minutes with no tick at all
		ClosedMinute quiet = folder.closeDue(at(3, 2)).orElseThrow();
		assertThat(quiet.noTrade()).containsExactlyInAnyOrder(1L, 2L);
		assertThat(folder.nextMinute()).isEqualTo(at(3, 0));
	}

	@Test
	void joiningMidSessionMissesThePartialMinuteAndTheFirstTicksMinute() {
		TickFolder folder = new TickFolder(List.of(1L), at(10, 0), OPEN, GRACE);
		folder.connected(at(10, 30));
		folder.accept(tick(1, 10, 40, "200.00", 9_000));
		ClosedMinute joined = folder.closeDue(at(11, 2)).orElseThrow();
		assertThat(joined.missed()).containsExactly(1L);
		// the first tick (minute 10) set the baseline, so minute 11 is good
		folder.accept(tick(1, 11, 10, "201.00", 9_300));
		folder.accept(tick(1, 11, 50, "199.00", 9_450));
		ClosedMinute good = folder.closeDue(at(12, 2)).orElseThrow();
		assertThat(good.candles()).singleElement().satisfies(c -> {
			assertThat(c.volume()).isEqualTo(450);
			assertThat(c.open()).isEqualByComparingTo("201.00");
			assertThat(c.low()).isEqualByComparingTo("199.00");
		});
	}

	@Test
	void aSnapshotOfAnEarlierTradeOnConnectSetsTheBaselineOnly() {
		TickFolder folder = new TickFolder(List.of(1L), at(10, 0), OPEN, GRACE);
		folder.connected(at(10, 20));
		// the last trade was at 09:23:40 (minute 8): no candle, but the baseline
		assertThat(folder.accept(tick(1, 8, 40, "300.00", 5_000))).isFalse();
		assertThat(folder.lateTicks()).isZero();
		assertThat(folder.closeDue(at(11, 2)).orElseThrow().missed()).containsExactly(1L);
		folder.accept(tick(1, 11, 15, "301.00", 5_120));
		assertThat(folder.closeDue(at(12, 2)).orElseThrow().candles()).singleElement()
			.satisfies(c -> assertThat(c.volume()).isEqualTo(120));
	}

	@Test
	void aReconnectMissesTheMinutesItWasDownAndTheFirstVolumeAfterIt() {
		TickFolder folder = new TickFolder(List.of(1L, 2L), OPEN, OPEN, GRACE);
		folder.connected(OPEN.minusSeconds(5));
		folder.accept(tick(1, 0, 10, "10.00", 100));
		folder.accept(tick(2, 0, 10, "20.00", 7));
		assertThat(folder.closeDue(at(1, 2)).orElseThrow().candles()).hasSize(2);
		folder.disconnected(at(1, 20));
		folder.connected(at(2, 40));
		// minute 2: after the reconnect, its volume holds the gap's: missed
		folder.accept(tick(1, 2, 50, "10.50", 400));
		// minute 3: instrument 2's first tick after the reconnect: missed; 1 is good
		folder.accept(tick(1, 3, 10, "10.60", 430));
		folder.accept(tick(2, 3, 10, "20.10", 90));
		ClosedMinute down = folder.closeDue(at(2, 2)).orElseThrow();
		assertThat(down.missed()).containsExactlyInAnyOrder(1L, 2L);
		ClosedMinute back = folder.closeDue(at(3, 2)).orElseThrow();
		assertThat(back.missed()).containsExactlyInAnyOrder(1L, 2L);
		ClosedMinute after = folder.closeDue(at(4, 2)).orElseThrow();
		assertThat(after.candles()).singleElement().satisfies(c -> {
			assertThat(c.instrumentId()).isEqualTo(1L);
			assertThat(c.volume()).isEqualTo(30);
		});
		assertThat(after.missed()).containsExactly(2L);
		assertThat(after.noTrade()).isEmpty();
		// volume going backwards re-baselines: missed, never a negative volume
		folder.accept(tick(1, 4, 5, "10.70", 420));
		folder.accept(tick(2, 4, 5, "20.20", 95));
		ClosedMinute backwards = folder.closeDue(at(5, 2)).orElseThrow();
		assertThat(backwards.missed()).containsExactly(1L);
		assertThat(backwards.candles()).singleElement().satisfies(c -> assertThat(c.volume()).isEqualTo(5));
		folder.accept(tick(1, 5, 5, "10.80", 425));
		assertThat(folder.closeDue(at(6, 2)).orElseThrow().candles()).filteredOn(c -> c.instrumentId() == 1)
			.singleElement()
			.satisfies(c -> assertThat(c.volume()).isEqualTo(5));
	}

}
