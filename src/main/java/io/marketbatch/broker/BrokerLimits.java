package io.marketbatch.broker;

import java.time.LocalDate;
import java.time.Period;

/**
 * What one request may ask of a broker. {@code maxCandleRange} bounds a minute-candle
 * request: from {@code from} the last day allowed is
 * {@code from + maxCandleRange - 1 day}. Every client refuses a request over these limits
 * before sending it.
 */
public record BrokerLimits(int ltpBatchSize, Period maxCandleRange) {

	public LocalDate lastDayOfRange(LocalDate from) {
		return from.plus(maxCandleRange).minusDays(1);
	}

	/** Throws when [from, to] is empty or longer than one request may ask for. */
	public void requireRange(String broker, LocalDate from, LocalDate to) {
		if (to.isBefore(from) || to.isAfter(lastDayOfRange(from))) {
			throw new BrokerException(broker + ": " + from + ".." + to + " exceeds " + describe(maxCandleRange)
					+ " per 1-minute candle request");
		}
	}

	/** Throws when one LTP call would carry more instruments than the broker takes. */
	public void requireBatch(String broker, int instruments) {
		if (instruments > ltpBatchSize) {
			throw new BrokerException(
					broker + ": at most " + ltpBatchSize + " instruments per LTP call, got " + instruments);
		}
	}

	private static String describe(Period period) {
		if (period.getDays() == 0 && period.getYears() == 0) {
			return period.getMonths() == 1 ? "one month" : period.getMonths() + " months";
		}
		return period.getDays() + " days";
	}
}
