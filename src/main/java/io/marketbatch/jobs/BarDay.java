package io.marketbatch.jobs;

import io.marketbatch.market.Instrument;

import java.time.LocalDate;

/** One instrument's trading day whose 5m..1d bars are to be built from its minutes. */
public record BarDay(Instrument instrument, LocalDate day) {
}
