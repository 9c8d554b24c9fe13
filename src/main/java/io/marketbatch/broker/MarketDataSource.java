package io.marketbatch.broker;

import io.marketbatch.market.CalendarException;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The broker port: every broker client (sim, upstox, kite, ...) answers these calls
 * within the broker's {@link #limits()}; callers split their work to fit them. Transient
 * trouble is a {@link BrokerUnavailableException}, a rejected token a
 * {@link BrokerAuthException}, a bad payload for one instrument a
 * {@link BrokerDataException}.
 */
public interface MarketDataSource {

	/**
	 * The broker's configuration name ({@code sim}, {@code upstox}, ...), stored as the
	 * rows' source.
	 */
	String name();

	BrokerLimits limits();

	/** The broker's instrument master (equities of the exchanges we keep). */
	List<MasterInstrument> instrumentMaster();

	/**
	 * Universes by name (symbols): FNO derived from the live futures of the latest
	 * instrument master download (downloading it if there was none yet), NIFTY50 from the
	 * built-in list.
	 */
	Map<String, List<String>> universes();

	/**
	 * Last traded prices of at most {@code limits().ltpBatchSize()} instruments.
	 * {@code minute} is the minute being captured; live brokers answer with the current
	 * price.
	 */
	List<LtpQuote> lastPrices(List<Instrument> instruments, Instant minute);

	/**
	 * Completed 1-minute candles of the trading days in [from, to], within
	 * {@code limits().maxCandleRange()}.
	 */
	List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to);

	/** Today's completed 1-minute candles so far. */
	List<Candle> intradayCandles(Instrument instrument);

	/**
	 * One cheap authenticated request that proves the token works (before the session
	 * opens, so an expired token is known before 09:15).
	 * @throws BrokerAuthException when the broker rejects the token
	 */
	default void checkToken() {
		// brokers without a cheap check: the first real request tells
	}

	/**
	 * The exchange's holidays and special sessions as the broker publishes them (Upstox's
	 * market-holidays API); empty when it does not.
	 */
	default List<CalendarException> exchangeCalendar(String exchange) {
		return List.of();
	}

	/**
	 * The broker's streaming feed, when it has one this client speaks; empty otherwise
	 * (the minute jobs then poll).
	 */
	default Optional<MarketFeed> marketFeed() {
		return Optional.empty();
	}

}
