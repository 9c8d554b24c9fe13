package io.marketbatch.readers;

import java.time.LocalDate;
import java.time.Period;

/**
 * What one request may ask of a broker. {@code maxCandleRange} bounds a minute-candle request:
 * from {@code from} the last day allowed is {@code from + maxCandleRange - 1 day}.
 */
public record BrokerLimits(int ltpBatchSize, Period maxCandleRange) {

	public LocalDate lastDayOfRange(LocalDate from) {
		return from.plus(maxCandleRange).minusDays(1);
	}
}
