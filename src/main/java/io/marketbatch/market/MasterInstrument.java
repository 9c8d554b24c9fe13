package io.marketbatch.market;

/**
 * One row of a broker's instrument master, before it has an id of ours.
 * {@code underlying} is set on stock futures and names the equity symbol they derive from
 * (how the F&O universe is built).
 */
public record MasterInstrument(String exchange, String symbol, String isin, String name, String type, Integer lotSize,
		java.math.BigDecimal tickSize, String brokerKey, String underlying) {
}
