package io.marketbatch.market;

import java.util.List;

/**
 * The quotes of one broker LTP call; requested instruments without a quote get an error
 * in sync_status.
 */
public record LtpBatch(List<Instrument> requested, List<LtpQuote> quotes, String source) {
}
