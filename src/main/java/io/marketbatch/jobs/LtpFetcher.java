package io.marketbatch.jobs;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpBatch;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * One broker LTP call per batch of instruments, stamped with the minute being captured
 * and the moment the answer arrived. Thread-safe: the step calls it for several batches
 * at once.
 */
public class LtpFetcher implements ItemProcessor<List<Instrument>, LtpBatch> {

	private final MarketDataSource source;

	private final Instant minute;

	private final Clock clock;

	public LtpFetcher(MarketDataSource source, Instant minute, Clock clock) {
		this.source = source;
		this.minute = minute;
		this.clock = clock;
	}

	@Override
	public LtpBatch process(List<Instrument> batch) {
		var quotes = source.lastPrices(batch, minute).stream().map(q -> q.atMinute(minute)).toList();
		return new LtpBatch(batch, quotes, source.name(), clock.instant());
	}

}
