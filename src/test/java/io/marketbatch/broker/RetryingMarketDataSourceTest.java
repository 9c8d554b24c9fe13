package io.marketbatch.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

class RetryingMarketDataSourceTest {

	private final Instrument instrument = new Instrument(1, "NSE", "TCS", null, null, "EQ", null);

	/** A broker whose candle calls answer with the given outcomes in turn. */
	private static MarketDataSource scripted(AtomicInteger calls, List<Supplier<List<Candle>>> outcomes) {
		return new MarketDataSource() {
			public String name() {
				return "scripted";
			}

			public BrokerLimits limits() {
				return new BrokerLimits(10, Period.ofDays(30));
			}

			public List<MasterInstrument> instrumentMaster() {
				return List.of();
			}

			public Map<String, List<String>> universes() {
				return Map.of();
			}

			public List<LtpQuote> lastPrices(List<Instrument> instruments, Instant minute) {
				return List.of();
			}

			public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
				return outcomes.get(Math.min(calls.getAndIncrement(), outcomes.size() - 1)).get();
			}

			public List<Candle> intradayCandles(Instrument instrument) {
				return List.of();
			}
		};
	}

	private static Supplier<List<Candle>> fail(RuntimeException e) {
		return () -> {
			throw e;
		};
	}

	@Test
	void transientFailuresAreRetriedUpToTheAttemptLimit() {
		AtomicInteger calls = new AtomicInteger();
		MarketDataSource source = new RetryingMarketDataSource(scripted(calls, List
			.of(fail(new BrokerUnavailableException("503")), fail(new BrokerUnavailableException("503")), List::of)), 3,
				Duration.ofMillis(1), 2);
		assertThat(source.minuteCandles(instrument, LocalDate.now(), LocalDate.now())).isEmpty();
		assertThat(calls).hasValue(3);
	}

	@Test
	void aLongerOutageFailsAfterThreeAttempts() {
		AtomicInteger calls = new AtomicInteger();
		MarketDataSource source = new RetryingMarketDataSource(
				scripted(calls, List.of(fail(new BrokerUnavailableException("down")))), 3, Duration.ofMillis(1), 2);
		assertThatThrownBy(() -> source.minuteCandles(instrument, LocalDate.now(), LocalDate.now()))
			.isInstanceOf(BrokerUnavailableException.class)
			.hasMessageContaining("gave up after 3 attempts");
		assertThat(calls).hasValue(3);
	}

	@Test
	void aRejectedTokenIsNeverRetried() {
		AtomicInteger calls = new AtomicInteger();
		MarketDataSource source = new RetryingMarketDataSource(
				scripted(calls, List.of(fail(new BrokerAuthException("token rejected")))), 3, Duration.ofMillis(1), 2);
		assertThatThrownBy(() -> source.minuteCandles(instrument, LocalDate.now(), LocalDate.now()))
			.isInstanceOf(BrokerAuthException.class);
		assertThat(calls).hasValue(1);
	}

}
