package io.marketbatch.market;

/**
 * A tradable instrument as stored in {@code instrument}, with the active broker's key for
 * it ({@code brokerKey} may be null when that broker has not been synced yet).
 */
public record Instrument(long id, String exchange, String symbol, String isin, String name, String type,
		String brokerKey) {

	@Override
	public String toString() {
		return exchange + ":" + symbol;
	}
}
