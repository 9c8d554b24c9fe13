package io.marketbatch.jobs;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpBatch;

import java.time.Instant;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * One broker LTP call per batch of instruments, stamped with the minute being captured.
 */
public class LtpFetcher implements ItemProcessor<List<Instrument>, LtpBatch> {

	private final MarketDataSource source;

	private final Instant minute;

	public LtpFetcher(MarketDataSource source, Instant minute) {
		this.source = source;
		this.minute = minute;
	}

	@Override
	public LtpBatch process(List<Instrument> batch) {
		return new LtpBatch(batch,
				source.lastPrices(batch, minute)
					.stream()
					.map(q -> q.minute().equals(minute) ? q
							: new io.marketbatch.market.LtpQuote(q.instrumentId(), minute, q.ltp(), q.volume(),
									q.change(), q.changePct(), q.prevClose()))
					.toList(),
				source.name());
	}

}
