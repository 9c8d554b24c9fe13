package io.marketbatch.market;

import java.util.List;
import java.util.Optional;

/**
 * The candles fetched or built for one instrument in one unit of work, or the reason
 * there are none ({@code error}): then nothing is written for it and the reason goes to
 * {@code sync_status}. {@code coverage} says, per day, what the broker answered (so the
 * minutes it answered without a candle count as no-trade, not as holes);
 * {@code unavailable} notes days the broker no longer keeps (before its history depth):
 * not a failure, they were not asked for.
 */
public record CandleBatch(long instrumentId, String symbol, String dataset, String source, List<Candle> candles,
		String error, Optional<String> unavailable, List<DayCoverage> coverage) {

	public static final String MINUTE_DATASET = "candle_1m";

	public static final String AGGREGATE_DATASET = "candle_agg";

	public static CandleBatch of(Instrument instrument, String dataset, String source, List<Candle> candles) {
		return new CandleBatch(instrument.id(), instrument.symbol(), dataset, source, List.copyOf(candles), null,
				Optional.empty(), List.of());
	}

	public static CandleBatch failed(Instrument instrument, String dataset, String source, String error) {
		return new CandleBatch(instrument.id(), instrument.symbol(), dataset, source, List.of(), error,
				Optional.empty(), List.of());
	}

	/** This batch, noting that some of the asked days are beyond the broker's history. */
	public CandleBatch withUnavailable(String note) {
		return new CandleBatch(instrumentId, symbol, dataset, source, candles, error, Optional.of(note), coverage);
	}

	/** This batch, with what the broker answered per day. */
	public CandleBatch withCoverage(List<DayCoverage> answered) {
		return new CandleBatch(instrumentId, symbol, dataset, source, candles, error, unavailable,
				List.copyOf(answered));
	}

	public boolean failed() {
		return error != null;
	}
}
