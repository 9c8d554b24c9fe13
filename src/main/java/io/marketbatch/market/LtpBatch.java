package io.marketbatch.market;

import java.time.Instant;
import java.util.List;

/**
 * The quotes of one broker LTP call, received at {@code capturedAt}; requested
 * instruments without a quote get an error in sync_status.
 */
public record LtpBatch(List<Instrument> requested, List<LtpQuote> quotes, String source, Instant capturedAt) {
}
