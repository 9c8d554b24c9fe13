package io.marketbatch.market;

import java.util.List;
import java.util.Optional;

/**
 * The candles fetched or built for one instrument in one unit of work, or the reason
 * there are none ({@code error}): then nothing is written for it and the reason goes to
 * {@code sync_status}. {@code unavailable} notes days the broker no longer keeps (before
 * its history depth): not a failure, they were not asked for.
 */
public record CandleBatch(long instrumentId, String symbol, String dataset, String source, List<Candle> candles,
		String error, Optional<String> unavailable) {

	public static final String MINUTE_DATASET = "candle_1m";

	public static final String AGGREGATE_DATASET = "candle_agg";

	public static CandleBatch of(Instrument instrument, String dataset, String source, List<Candle> candles) {
		return new CandleBatch(instrument.id(), instrument.symbol(), dataset, source, List.copyOf(candles), null,
				Optional.empty());
	}

	public static CandleBatch failed(Instrument instrument, String dataset, String source, String error) {
		return new CandleBatch(instrument.id(), instrument.symbol(), dataset, source, List.of(), error,
				Optional.empty());
	}

	/** This batch, noting that some of the asked days are beyond the broker's history. */
	public CandleBatch withUnavailable(String note) {
		return new CandleBatch(instrumentId, symbol, dataset, source, candles, error, Optional.of(note));
	}

	public boolean failed() {
		return error != null;
	}
}
