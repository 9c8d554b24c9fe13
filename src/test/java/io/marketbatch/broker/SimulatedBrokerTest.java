package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.broker.sim.SimTrading;
import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.support.TestCalendars;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

class SimulatedBrokerTest {

	private final TradingCalendar calendar = TestCalendars.nse();

	private final Instant now = Instant.parse("2026-10-29T06:00:30Z"); // 11:30:30 IST

	private final Clock clock = Clock.fixed(now, ZoneOffset.UTC);

	private final Instrument reliance = new Instrument(1, "NSE", "RELIANCE", null, null, "EQ", "SIM|RELIANCE");

	private SimulatedBroker broker(SimFaults faults) {
		return new SimulatedBroker(() -> calendar, clock, faults, SimTrading.PERFECT);
	}

	private SimFaults noFaults() {
		return new SimFaults(clock, Duration.ZERO, 0, null, null, 42);
	}

	@Test
	void sameSymbolAndMinuteGiveTheSameCandle() {
		List<Candle> a = broker(noFaults()).minuteCandles(reliance, LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 9, 30));
		List<Candle> b = broker(noFaults()).minuteCandles(reliance, LocalDate.of(2026, 9, 15),
				LocalDate.of(2026, 9, 15));
		assertThat(a).containsAll(b);
		Instrument tcs = new Instrument(2, "NSE", "TCS", null, null, "EQ", "SIM|TCS");
		List<Candle> other = broker(noFaults()).minuteCandles(tcs, LocalDate.of(2026, 9, 15),
				LocalDate.of(2026, 9, 15));
		assertThat(other.get(0).close()).isNotEqualTo(b.get(0).close());
	}

	@Test
	void candlesAreValidInsideSessionsAndSkipClosedDays() {
		List<Candle> sep = broker(noFaults()).minuteCandles(reliance, LocalDate.of(2026, 9, 1),
				LocalDate.of(2026, 9, 30));
		assertThat(sep).hasSize(21 * 375);
		assertThat(sep).allSatisfy(c -> {
			assertThat(c.problem()).isEmpty();
			assertThat(calendar.isOpen(c.ts())).isTrue();
			assertThat(c.close().remainder(new java.math.BigDecimal("0.05")).signum()).isZero();
		});
		assertThat(sep).noneMatch(c -> c.ts().atZone(calendar.zone()).toLocalDate().equals(LocalDate.of(2026, 9, 14)));
	}

	@Test
	void neverAnswersForMinutesThatHaveNotFinished() {
		List<Candle> today = broker(noFaults()).intradayCandles(reliance);
		// 09:15 .. 11:29 are finished at 11:30:30; 11:30 is still running
		assertThat(today).hasSize(135);
		assertThat(today.get(today.size() - 1).ts()).isEqualTo(Instant.parse("2026-10-29T05:59:00Z"));
		assertThat(broker(noFaults()).minuteCandles(reliance, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 11, 20)))
			.hasSize(135);
	}

	@Test
	void keepsARealBrokersLimits() {
		SimulatedBroker broker = broker(noFaults());
		assertThatThrownBy(() -> broker.minuteCandles(reliance, LocalDate.of(2026, 9, 1), LocalDate.of(2026, 10, 1)))
			.isInstanceOf(BrokerException.class)
			.hasMessageContaining("one month");
		List<Instrument> many = IntStream.range(0, 501)
			.mapToObj(i -> new Instrument(i, "NSE", "S" + i, null, null, "EQ", null))
			.toList();
		assertThatThrownBy(() -> broker.lastPrices(many, now)).hasMessageContaining("500");
		assertThat(broker.limits().ltpBatchSize()).isEqualTo(500);
	}

	@Test
	void lastPriceIsThePriceNowWhateverMinuteIsAsked() {
		// 10:15:20 IST: the minute 10:15 is still running, 10:14 is the last finished one
		Clock live = Clock.fixed(Instant.parse("2026-10-29T04:45:20Z"), ZoneOffset.UTC);
		SimulatedBroker broker = new SimulatedBroker(() -> calendar, live, noFaults(), SimTrading.PERFECT);
		LtpQuote quote = broker.lastPrices(List.of(reliance), Instant.parse("2026-10-29T04:45:00Z")).get(0);
		List<Candle> day = broker.minuteCandles(reliance, LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29));
		Candle lastFinished = day.get(day.size() - 1);
		assertThat(lastFinished.ts()).isEqualTo(Instant.parse("2026-10-29T04:44:00Z"));
		assertThat(quote.ltp()).isEqualByComparingTo(lastFinished.close());
		assertThat(quote.change()).isEqualByComparingTo(quote.ltp().subtract(quote.prevClose()));
		assertThat(quote.volume()).isPositive();
		// an earlier minute cannot be asked for: the answer is the same price, now's
		LtpQuote earlier = broker.lastPrices(List.of(reliance), Instant.parse("2026-10-29T04:00:00Z")).get(0);
		assertThat(earlier.ltp()).isEqualByComparingTo(quote.ltp());
		assertThat(earlier.volume()).isEqualTo(quote.volume());
	}

	@Test
	void failAfterStartsAnOutageThatEndsAfterFailFor() {
		Instant[] time = { now };
		Clock moving = new Clock() {
			public java.time.ZoneId getZone() {
				return ZoneOffset.UTC;
			}

			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

			public Instant instant() {
				return time[0];
			}
		};
		SimFaults faults = new SimFaults(moving, Duration.ZERO, 0, 2L, Duration.ofSeconds(40), 42);
		SimulatedBroker broker = new SimulatedBroker(() -> calendar, moving, faults, SimTrading.PERFECT);
		LocalDate day = LocalDate.of(2026, 10, 28);
		broker.minuteCandles(reliance, day, day);
		broker.minuteCandles(reliance, day, day);
		assertThatThrownBy(() -> broker.minuteCandles(reliance, day, day))
			.isInstanceOf(BrokerUnavailableException.class);
		time[0] = now.plusSeconds(39);
		assertThatThrownBy(() -> broker.minuteCandles(reliance, day, day))
			.isInstanceOf(BrokerUnavailableException.class);
		time[0] = now.plusSeconds(41);
		assertThat(broker.minuteCandles(reliance, day, day)).hasSize(375);
		assertThat(faults.requestCount()).isEqualTo(5);
	}

	@Test
	void failureRateIsSeededSoRunsRepeat() {
		int failuresA = failures(new SimFaults(clock, Duration.ZERO, 0.3, null, null, 7));
		int failuresB = failures(new SimFaults(clock, Duration.ZERO, 0.3, null, null, 7));
		assertThat(failuresA).isEqualTo(failuresB).isBetween(10, 50);
	}

	private int failures(SimFaults faults) {
		SimulatedBroker broker = broker(faults);
		int failed = 0;
		for (int i = 0; i < 100; i++) {
			try {
				broker.lastPrices(List.of(reliance), now);
			}
			catch (BrokerUnavailableException e) {
				failed++;
			}
		}
		return failed;
	}

}
