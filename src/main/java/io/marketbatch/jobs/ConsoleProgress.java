package io.marketbatch.jobs;

import java.util.function.IntSupplier;
import java.util.function.ToLongFunction;

import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

/**
 * Progress of a long step on the console: instruments done of total, rows written, rate
 * and ETA (the progress-bar library computes the last two). Also keeps the step's row
 * count in its execution context ({@code rows.written}) for the run summary.
 */
public class ConsoleProgress<T> implements StepExecutionListener, ItemWriteListener<T> {

	public static final String ROWS_WRITTEN = "rows.written";

	private final String task;

	private final IntSupplier done;

	private final IntSupplier total;

	private final ToLongFunction<T> rows;

	private final boolean enabled;

	private StepExecution stepExecution;

	private ProgressBar bar;

	private long written;

	private long startedNanos;

	/**
	 * @param done instruments finished so far (read after each chunk)
	 * @param total instruments in the step (known once the reader is open)
	 * @param rows rows an item writes
	 */
	public ConsoleProgress(String task, IntSupplier done, IntSupplier total, ToLongFunction<T> rows, boolean enabled) {
		this.task = task;
		this.done = done;
		this.total = total;
		this.rows = rows;
		this.enabled = enabled;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		this.written = 0;
		this.startedNanos = System.nanoTime();
	}

	@Override
	public void afterWrite(Chunk<? extends T> items) {
		for (T item : items) {
			written += rows.applyAsLong(item);
		}
		stepExecution.getExecutionContext().putLong(ROWS_WRITTEN, written);
		if (!enabled) {
			return;
		}
		if (bar == null) {
			bar = new ProgressBarBuilder().setTaskName(task)
				.setInitialMax(total.getAsInt())
				.setStyle(ProgressBarStyle.ASCII)
				.setUnit(" instruments", 1)
				.setUpdateIntervalMillis(1000)
				.setMaxRenderedLength(110)
				.continuousUpdate()
				.build();
		}
		bar.maxHint(total.getAsInt());
		bar.stepTo(done.getAsInt());
		double seconds = Math.max(1e-3, (System.nanoTime() - startedNanos) / 1e9);
		bar.setExtraMessage(String.format("%,d rows, %,.0f rows/s", written, written / seconds));
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		stepExecution.getExecutionContext().putLong(ROWS_WRITTEN, written);
		if (bar != null) {
			if (stepExecution.getStatus().isUnsuccessful()) {
				bar.pause();
			}
			else {
				bar.stepTo(total.getAsInt());
			}
			bar.close();
			bar = null;
		}
		return null;
	}

}
