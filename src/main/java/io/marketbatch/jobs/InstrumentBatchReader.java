package io.marketbatch.jobs;

import io.marketbatch.market.Instrument;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads a universe in batches of the broker's largest LTP call (Upstox 500, Kite 1000).
 */
public class InstrumentBatchReader extends AbstractItemCountingItemStreamItemReader<List<Instrument>> {

	private final Supplier<List<Instrument>> instruments;

	private final int batchSize;

	private List<Instrument> items = List.of();

	public InstrumentBatchReader(String name, Supplier<List<Instrument>> instruments, int batchSize) {
		this.instruments = instruments;
		this.batchSize = batchSize;
		setName(name);
	}

	@Override
	protected void doOpen() {
		items = instruments.get();
	}

	@Override
	protected List<Instrument> doRead() {
		int from = (getCurrentItemCount() - 1) * batchSize;
		return from < items.size() ? List.copyOf(items.subList(from, Math.min(items.size(), from + batchSize))) : null;
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		// batches are computed from the count; nothing to skip
	}

	@Override
	protected void doClose() {
		items = List.of();
	}

}
