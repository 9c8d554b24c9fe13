package io.marketbatch.readers;

import io.marketbatch.market.Instrument;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads the instruments of a job's universe, one item each. The list is resolved at open and is
 * ordered by symbol, so the saved item count resumes a restart where the last chunk committed.
 */
public class InstrumentReader extends AbstractItemCountingItemStreamItemReader<Instrument> {

	private final Supplier<List<Instrument>> instruments;

	private List<Instrument> items = List.of();

	public InstrumentReader(String name, Supplier<List<Instrument>> instruments) {
		this.instruments = instruments;
		setName(name);
	}

	@Override
	protected void doOpen() {
		items = instruments.get();
	}

	@Override
	protected Instrument doRead() {
		int next = getCurrentItemCount() - 1;
		return next < items.size() ? items.get(next) : null;
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		// items are indexed directly; nothing to skip
	}

	@Override
	protected void doClose() {
		items = List.of();
	}

	public int size() {
		return items.size();
	}
}
