package io.marketbatch.market;

import java.math.BigDecimal;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * Last traded price of one instrument as captured at {@code minute}; {@code tradedAt} is
 * the broker's own time of that price where its answer carries one (Fyers {@code tt}).
 */
public record LtpQuote(long instrumentId, Instant minute, BigDecimal ltp, @Nullable Long volume,
		@Nullable BigDecimal change, @Nullable BigDecimal changePct, @Nullable BigDecimal prevClose,
		@Nullable Instant tradedAt) {

	/** This quote stamped with the minute being captured. */
	public LtpQuote atMinute(Instant capturedMinute) {
		return capturedMinute.equals(minute) ? this
				: new LtpQuote(instrumentId, capturedMinute, ltp, volume, change, changePct, prevClose, tradedAt);
	}

}
