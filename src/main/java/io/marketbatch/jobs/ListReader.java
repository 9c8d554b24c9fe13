package io.marketbatch.jobs;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

/**
 * Reads a list that is resolved when the step opens (a universe's instruments, a broker's
 * instrument master). The list comes in a stable order (instruments by symbol), so the
 * saved item count resumes a restart right after the last committed chunk.
 */
public class ListReader<T> extends AbstractItemCountingItemStreamItemReader<T> {

	private final Supplier<List<T>> source;

	private List<T> items = List.of();

	public ListReader(String name, Supplier<List<T>> source) {
		this.source = source;
		setName(name);
	}

	@Override
	protected void doOpen() {
		items = source.get();
	}

	@Override
	protected T doRead() {
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
