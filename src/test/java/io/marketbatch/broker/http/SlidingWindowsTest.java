package io.marketbatch.broker.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.broker.BrokerUnavailableException;
import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The window rule of every request budget: N per W means the N-th latest request time is
 * at least W plus the guard ago, a request in flight counting as later than now.
 */
class SlidingWindowsTest {

	private static final Window THREE_PER_SECOND = RateLimit.perSecond(3);

	/** Microseconds of 1 s + the 10 ms guard. */
	private static final long SPAN = 1_010_000;

	/** Send times, most recent last; k-th most recent as the rule asks for it. */
	private static long kthMostRecent(List<Long> sent, int k) {
		return k <= sent.size() ? sent.get(sent.size() - k) : SlidingWindows.NEVER;
	}

	/**
	 * Simulates a caller that asks as often as allowed: the times the rule lets requests
	 * go.
	 */
	private static List<Long> greedy(List<Window> windows, int requests) {
		List<Long> sent = new ArrayList<>();
		long now = 0;
		while (sent.size() < requests) {
			long earliest = SlidingWindows.earliest(windows, k -> kthMostRecent(sent, k));
			now = Math.max(now, earliest);
			sent.add(now);
		}
		return sent;
	}

	private static int busiest(List<Long> sent, long windowMicros) {
		int most = 0;
		int start = 0;
		for (int end = 0; end < sent.size(); end++) {
			while (sent.get(end) - sent.get(start) >= windowMicros) {
				start++;
			}
			most = Math.max(most, end - start + 1);
		}
		return most;
	}

	@Test
	void anIdleAccountSendsAtOnceAndTheNPlusFirstWaitsForTheWindowAndGuard() {
		assertThat(SlidingWindows.earliest(List.of(THREE_PER_SECOND), k -> SlidingWindows.NEVER))
			.isEqualTo(SlidingWindows.NEVER);
		// two sent at 0 and 100 ms: a third may go now
		List<Long> two = List.of(0L, 100_000L);
		assertThat(SlidingWindows.earliest(List.of(THREE_PER_SECOND), k -> kthMostRecent(two, k)))
			.isEqualTo(SlidingWindows.NEVER);
		// three sent at 0, 100, 200 ms: the fourth waits for the first + 1.01 s
		List<Long> three = List.of(0L, 100_000L, 200_000L);
		assertThat(SlidingWindows.earliest(List.of(THREE_PER_SECOND), k -> kthMostRecent(three, k))).isEqualTo(SPAN);
	}

	@Test
	void everyWindowHasItsSay() {
		// 2 per 100 ms and 3 per second: after 0, 10, 20 ms the per-second one decides
		List<Window> windows = List.of(RateLimit.per(2, Duration.ofMillis(100)), THREE_PER_SECOND);
		List<Long> sent = List.of(0L, 10_000L, 20_000L);
		assertThat(SlidingWindows.earliest(windows, k -> kthMostRecent(sent, k))).isEqualTo(SPAN);
		// after 0, 10 ms only the short one: 0 + 100 ms + the 10 ms guard
		List<Long> two = List.of(0L, 10_000L);
		assertThat(SlidingWindows.earliest(windows, k -> kthMostRecent(two, k))).isEqualTo(110_000L);
		assertThat(SlidingWindows.depth(windows)).isEqualTo(3);
	}

	@Test
	void aGreedyCallerNeverPassesAnyWindowAndReachesTheLimitLessTheGuard() {
		List<Window> upstox = List.of(RateLimit.perSecond(50), RateLimit.perMinute(500),
				RateLimit.per(2000, Duration.ofMinutes(30)));
		List<Long> sent = greedy(upstox, 6_000);
		assertThat(busiest(sent, 1_000_000)).isEqualTo(50);
		assertThat(busiest(sent, 60_000_000)).isEqualTo(500);
		assertThat(busiest(sent, 1_800_000_000L)).isEqualTo(2000);
		// the 2000 per 30 min (+18 s guard): the 2001st and 4001st a span after the 1st
		// and 2001st
		assertThat(sent.get(2000)).isEqualTo(1_818_000_000L);
		assertThat(sent.get(4000)).isEqualTo(2 * 1_818_000_000L);
		// the first 2000 at 500 per 60.6 s, in bursts of 50 per 1.01 s: 3 x 60.6 + 9 x
		// 1.01
		assertThat(sent.get(1999)).isEqualTo(190_890_000L);

		List<Long> kite = greedy(List.of(THREE_PER_SECOND), 250);
		assertThat(busiest(kite, 1_000_000)).isEqualTo(3);
		// 250 requests: the last at 83 spans; the published limit allows 83 s
		assertThat(kite.get(249)).isEqualTo(83 * SPAN);
		assertThat(83.0 / (kite.get(249) / 1e6)).isGreaterThan(0.95);
	}

	@Test
	void guardIsOnePercentAndAtLeastTenMilliseconds() {
		assertThat(THREE_PER_SECOND.guard()).isEqualTo(Duration.ofMillis(10));
		assertThat(RateLimit.per(2, Duration.ofMillis(100)).guard()).isEqualTo(Duration.ofMillis(10));
		assertThat(RateLimit.perMinute(200).guard()).isEqualTo(Duration.ofMillis(600));
		assertThat(RateLimit.per(2000, Duration.ofMinutes(30)).guard()).isEqualTo(Duration.ofSeconds(18));
	}

	@Test
	void timeAtTheLimitAndDescription() {
		RateLimit kite = RateLimit.of("kite-test", THREE_PER_SECOND);
		assertThat(kite.describe()).isEqualTo("3/s");
		assertThat(kite.timeAtLimit(250)).isEqualTo(Duration.ofSeconds(83));
		assertThat(kite.timeAtLimit(1)).isZero();
		RateLimit upstox = RateLimit.of("upstox-test", RateLimit.perSecond(50), RateLimit.perMinute(500),
				RateLimit.per(2000, Duration.ofMinutes(30)));
		assertThat(upstox.describe()).isEqualTo("50/s, 500/min, 2000/30 min");
		// 5000: two full 30-minute windows before the last thousand
		assertThat(upstox.timeAtLimit(5000)).isEqualTo(Duration.ofMinutes(60));
		// 1000: the per-minute window, once
		assertThat(upstox.timeAtLimit(1000)).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void aLocalLedgerAdmitsABurstOfNThenWaits() {
		LocalLedger ledger = new LocalLedger("t", Clock.systemUTC());
		Penalty none = Penalty.pause(Duration.ofSeconds(1));
		for (int i = 1; i <= 3; i++) {
			assertThat(ledger.tryAcquire(List.of(THREE_PER_SECOND), none, 0)).isEqualTo(Ledger.Answer.admitted(i));
		}
		assertThat(ledger.tryAcquire(List.of(THREE_PER_SECOND), none, 0).waitMicros()).isBetween(SPAN - 100_000, SPAN);
	}

	@Test
	void aRequestInFlightHoldsItsPlaceUntilItsAnswerAndCountsFromThen() throws Exception {
		LocalLedger ledger = new LocalLedger("t", Clock.systemUTC());
		Penalty none = Penalty.pause(Duration.ofSeconds(1));
		long flight = Duration.ofMinutes(1).toNanos() / 1000;
		for (int i = 0; i < 3; i++) {
			ledger.tryAcquire(List.of(THREE_PER_SECOND), none, flight);
		}
		// all three unanswered: the broker may see any of them at any time, so the
		// fourth waits a full span, and still does a while later
		assertThat(ledger.tryAcquire(List.of(THREE_PER_SECOND), none, flight).waitMicros()).isBetween(SPAN - 50_000,
				SPAN);
		await().pollDelay(Duration.ofMillis(300))
			.atMost(Duration.ofSeconds(1))
			.until(() -> ledger.tryAcquire(List.of(THREE_PER_SECOND), none, flight).waitMicros() >= SPAN - 50_000);
		// their answers come now: the fourth waits a span from now, not from their
		// admission
		for (long n = 1; n <= 3; n++) {
			ledger.answered(n);
		}
		assertThat(ledger.tryAcquire(List.of(THREE_PER_SECOND), none, flight).waitMicros()).isBetween(SPAN - 50_000,
				SPAN);
		// an answer never moves a time later
		ledger.answered(1);
		assertThat(ledger.tryAcquire(List.of(THREE_PER_SECOND), none, flight).waitMicros()).isLessThanOrEqualTo(SPAN);
	}

	@Test
	void theNthLatestTimeDecidesNotTheNthLatestNumber() {
		// answered out of order: #1 at 900 ms (it left late), #2..#4 at 10, 20, 30 ms
		List<Long> byTime = List.of(10_000L, 20_000L, 30_000L, 900_000L);
		// the third latest time is 20 ms (#3), not #2's 10 ms: the fifth waits for 20 ms
		// +
		// a span, so #1 (seen at 900 ms) and #3, #4 and the fifth never share a second
		assertThat(SlidingWindows.earliest(List.of(THREE_PER_SECOND), k -> kthMostRecent(byTime, k)))
			.isEqualTo(20_000L + SPAN);
	}

	@Test
	void aBreachPausesTheAccountAndACappedPenaltyStopsItForTheDay() {
		LocalLedger ledger = new LocalLedger("fyers/app", Clock.systemUTC());
		Penalty fyers = new Penalty(Duration.ofMinutes(1), 2);
		List<Window> windows = List.of(RateLimit.perSecond(10));
		assertThat(ledger.tryAcquire(windows, fyers, 0).isAdmitted()).isTrue();
		ledger.breach(fyers);
		assertThat(ledger.tryAcquire(windows, fyers, 0).waitMicros()).isBetween(59_000_000L, 60_000_000L);
		ledger.breach(fyers);
		assertThatThrownBy(() -> ledger.tryAcquire(windows, fyers, 0)).isInstanceOf(BrokerUnavailableException.class)
			.hasMessageContaining("fyers/app")
			.hasMessageContaining("00:00 IST");
	}

}
