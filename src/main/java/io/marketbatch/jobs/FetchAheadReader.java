package io.marketbatch.jobs;

import io.marketbatch.market.CandleBatch;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.core.task.AsyncTaskExecutor;

/**
 * The fetched candles of a {@link FetchWindowReader}'s windows, in order, fetched ahead
 * on the broker pool: up to {@code ahead} windows are asked for beyond the one handed
 * out, so the account's requests keep going while the writer writes a chunk (fetching and
 * writing overlap; the rate limit, not the database, sets the pace). Memory stays flat:
 * at most {@code ahead} fetched windows wait beside the chunk being written.
 * <p>
 * The checkpoint is the window reader's, taken at the last window handed to the step (the
 * last one written when the chunk commits), not at the windows fetched ahead: a restart
 * recomputes that instrument's holes, so it neither loses a window that was fetched but
 * not written nor fetches again one that was written.
 */
public class FetchAheadReader implements ItemStreamReader<CandleBatch>, BackfillPlan.Scan {

	private record Ahead(Future<CandleBatch> batch, int instrumentIndex) {
	}

	private final FetchWindowReader windows;

	private final ItemProcessor<FetchWindow, CandleBatch> fetcher;

	private final AsyncTaskExecutor executor;

	private final int ahead;

	private final Deque<Ahead> queue = new ArrayDeque<>();

	private boolean exhausted;

	/** The instrument of the last window handed to the step. */
	private int handedIndex;

	public FetchAheadReader(FetchWindowReader windows, ItemProcessor<FetchWindow, CandleBatch> fetcher,
			AsyncTaskExecutor executor, int ahead) {
		if (ahead < 1) {
			throw new IllegalArgumentException("fetch ahead needs at least 1 window, got " + ahead);
		}
		this.windows = windows;
		this.fetcher = fetcher;
		this.executor = executor;
		this.ahead = ahead;
	}

	@Override
	public long plan(ExecutionContext checkpoint) {
		return windows.plan(checkpoint);
	}

	@Override
	public void open(ExecutionContext context) {
		windows.open(context);
		cancelAll();
		exhausted = false;
		handedIndex = windows.instrumentIndex() + 1;
	}

	@Override
	public @Nullable CandleBatch read() throws Exception {
		fill();
		Ahead next = queue.poll();
		if (next == null) {
			return null;
		}
		// the next windows go on while this one is awaited and written
		fill();
		CandleBatch batch = await(next.batch());
		handedIndex = next.instrumentIndex();
		return batch;
	}

	private void fill() throws Exception {
		while (!exhausted && queue.size() < ahead) {
			FetchWindow window = windows.read();
			if (window == null) {
				exhausted = true;
				return;
			}
			queue.add(new Ahead(executor.submit(() -> fetcher.process(window)), windows.instrumentIndex()));
		}
	}

	private static CandleBatch await(Future<CandleBatch> batch) throws Exception {
		try {
			return batch.get();
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw e;
		}
		catch (ExecutionException e) {
			// the fetch's own failure (a rejected token, a broker outage), as the
			// processor threw it
			if (e.getCause() instanceof Exception cause) {
				throw cause;
			}
			if (e.getCause() instanceof Error error) {
				throw error;
			}
			throw e;
		}
	}

	@Override
	public void update(ExecutionContext context) {
		windows.checkpoint(context, handedIndex);
	}

	@Override
	public void close() {
		cancelAll();
		windows.close();
	}

	private void cancelAll() {
		queue.forEach(a -> a.batch().cancel(true));
		queue.clear();
	}

	/** Instruments whose windows have all been handed to the writer (for progress). */
	public int instrumentsDone() {
		return exhausted && queue.isEmpty() ? windows.instrumentCount() : Math.max(0, handedIndex);
	}

	public int instrumentCount() {
		return windows.instrumentCount();
	}

}
