package io.marketbatch.market;

import java.math.BigDecimal;
import java.time.Instant;

/** Last traded price of one instrument as captured at {@code minute}. */
public record LtpQuote(long instrumentId, Instant minute, BigDecimal ltp, Long volume, BigDecimal change,
		BigDecimal changePct, BigDecimal prevClose) {
}
