package io.marketbatch.jobs;

import io.marketbatch.market.Instrument;

import java.time.LocalDate;
import java.util.Set;

/**
 * One broker request's worth of work: 1-minute candles of {@code instrument} for [from,
 * to], of which only the {@code wanted} days are written (the others are complete
 * already).
 */
public record FetchWindow(Instrument instrument, LocalDate from, LocalDate to, Set<LocalDate> wanted) {
}
