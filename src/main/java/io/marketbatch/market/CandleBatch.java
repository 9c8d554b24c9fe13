package io.marketbatch.market;

import java.util.List;

/**
 * The candles fetched or built for one instrument in one unit of work, or the reason
 * there are none ({@code error}): then nothing is written for it and the reason goes to
 * {@code sync_status}.
 */
public record CandleBatch(long instrumentId, String symbol, String dataset, String source, List<Candle> candles,
		String error) {

	public static final String MINUTE_DATASET = "candle_1m";

	public static final String AGGREGATE_DATASET = "candle_agg";

	public static CandleBatch of(Instrument instrument, String dataset, String source, List<Candle> candles) {
		return new CandleBatch(instrument.id(), instrument.symbol(), dataset, source, List.copyOf(candles), null);
	}

	public static CandleBatch failed(Instrument instrument, String dataset, String source, String error) {
		return new CandleBatch(instrument.id(), instrument.symbol(), dataset, source, List.of(), error);
	}

	public boolean failed() {
		return error != null;
	}
}
