package io.marketbatch.broker;

import java.time.Duration;
import java.time.LocalDate;
import java.time.Period;
import java.util.Optional;

/**
 * What one request may ask of a broker. {@code maxCandleRange} bounds a minute-candle
 * request: from {@code from} the last day allowed is
 * {@code from + maxCandleRange - 1 day}. Every client refuses a request over these limits
 * before sending it. The broker's history depth, when known, is a first day
 * ({@code historySince}: Upstox from 2022-01-01) or a rolling span ({@code historyKept}:
 * Dhan's last 5 years); days before it are unavailable, never asked for.
 * {@code settleLag} is how long after a minute ends its candle is served and settled
 * (Upstox's intraday candles lag 2-3 minutes): a younger minute is not asked for yet.
 */
public record BrokerLimits(int ltpBatchSize, Period maxCandleRange, Optional<LocalDate> historySince,
		Optional<Period> historyKept, Duration settleLag) {

	/** The settle lag of a broker that does not say: two minutes. */
	public static final Duration DEFAULT_SETTLE_LAG = Duration.ofMinutes(2);

	/** Limits of a broker whose history depth is not known. */
	public BrokerLimits(int ltpBatchSize, Period maxCandleRange) {
		this(ltpBatchSize, maxCandleRange, Optional.empty(), Optional.empty(), DEFAULT_SETTLE_LAG);
	}

	/** These limits, with 1-minute candles kept from {@code firstDay} on. */
	public BrokerLimits since(LocalDate firstDay) {
		return new BrokerLimits(ltpBatchSize, maxCandleRange, Optional.of(firstDay), historyKept, settleLag);
	}

	/** These limits, with 1-minute candles kept for the last {@code span} only. */
	public BrokerLimits kept(Period span) {
		return new BrokerLimits(ltpBatchSize, maxCandleRange, historySince, Optional.of(span), settleLag);
	}

	/** These limits, with a minute's candle settled {@code lag} after the minute ends. */
	public BrokerLimits settling(Duration lag) {
		return new BrokerLimits(ltpBatchSize, maxCandleRange, historySince, historyKept, lag);
	}

	/** The first day whose 1-minute candles the broker still has, when it says. */
	public Optional<LocalDate> historyStart(LocalDate today) {
		Optional<LocalDate> rolling = historyKept.map(today::minus);
		if (historySince.isEmpty()) {
			return rolling;
		}
		return Optional.of(rolling.filter(r -> r.isAfter(historySince.get())).orElse(historySince.get()));
	}

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
