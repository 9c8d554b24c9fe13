package io.marketbatch.readers;

import io.marketbatch.market.MasterInstrument;

import java.util.List;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/** Downloads the broker's instrument master at open and reads it row by row. */
public class MasterInstrumentReader extends AbstractItemCountingItemStreamItemReader<MasterInstrument> {

	private final MarketDataSource source;

	private List<MasterInstrument> rows = List.of();

	public MasterInstrumentReader(String name, MarketDataSource source) {
		this.source = source;
		setName(name);
	}

	@Override
	protected void doOpen() {
		rows = source.instrumentMaster();
	}

	@Override
	protected MasterInstrument doRead() {
		int next = getCurrentItemCount() - 1;
		return next < rows.size() ? rows.get(next) : null;
	}

	@Override
	protected void jumpToItem(int itemIndex) {
		// rows are indexed directly
	}

	@Override
	protected void doClose() {
		rows = List.of();
	}
}
