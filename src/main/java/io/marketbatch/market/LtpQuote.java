package io.marketbatch.market;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/** Last traded price of one instrument as captured at {@code minute}. */
public record LtpQuote(long instrumentId, Instant minute, BigDecimal ltp, @Nullable Long volume,
		@Nullable BigDecimal change, @Nullable BigDecimal changePct, @Nullable BigDecimal prevClose) {
}
