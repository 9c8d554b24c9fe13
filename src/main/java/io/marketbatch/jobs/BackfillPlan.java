package io.marketbatch.jobs;

import io.marketbatch.broker.http.RateLimit;
import io.marketbatch.broker.http.RequestBudgets;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

/**
 * Before a backfill step: the requests it will send to the broker account and the time
 * the account's limit implies, e.g. "plan: 250 requests to kite (3/s) ≈ 1 min 23 s at the
 * limit". The count is the number of windows the step's own reader will read from the
 * step's checkpoint (so a restart counts what is left): a reader that can {@link Scan}
 * measures its work once and keeps it for the step; any other reader is read through once
 * beforehand. Logged, printed on the console with the progress bar, and kept in the
 * step's execution context ({@code plan.requests}).
 */
public class BackfillPlan implements StepExecutionListener {

	public static final String REQUESTS = "plan.requests";

	/** A reader that measures its work once, for the plan and then for the step. */
	public interface Scan {

		/**
		 * The items the reader will read when the step opens it from {@code checkpoint};
		 * the scan is kept for that open.
		 */
		long plan(ExecutionContext checkpoint);

	}

	private static final Logger log = LoggerFactory.getLogger(BackfillPlan.class);

	private final ItemStreamReader<?> reader;

	private final String broker;

	private final RequestBudgets budgets;

	private final boolean print;

	/**
	 * @param reader the step's reader (step-scoped: the instance the step will open)
	 * @param print also on the console (marketbatch.progress)
	 */
	public BackfillPlan(ItemStreamReader<?> reader, String broker, RequestBudgets budgets, boolean print) {
		this.reader = reader;
		this.broker = broker;
		this.budgets = budgets;
		this.print = print;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		long requests = count(new ExecutionContext(stepExecution.getExecutionContext()));
		stepExecution.getExecutionContext().putLong(REQUESTS, requests);
		String line = describe(requests, broker, budgets.candleLimitOf(broker));
		log.info("{}: {}", stepExecution.getStepName(), line);
		if (print) {
			System.out.println(line);
		}
	}

	private long count(ExecutionContext checkpoint) {
		if (reader instanceof Scan scan) {
			return scan.plan(checkpoint);
		}
		long n = 0;
		try {
			reader.open(checkpoint);
			while (read() != null) {
				n++;
			}
		}
		finally {
			reader.close();
		}
		return n;
	}

	private @Nullable Object read() {
		try {
			return reader.read();
		}
		catch (RuntimeException e) {
			throw e;
		}
		catch (Exception e) {
			throw new IllegalStateException("cannot plan the backfill: " + e.getMessage(), e);
		}
	}

	/** The plan line for {@code requests} to {@code broker} under {@code limit}. */
	static String describe(long requests, String broker, Optional<RateLimit> limit) {
		if (requests == 0) {
			return "plan: no request to " + broker + ": every day of the range is complete";
		}
		String count = "plan: " + requests + (requests == 1 ? " request to " : " requests to ") + broker;
		return limit.map(l -> count + " (" + l.describe() + ") ≈ " + format(l.timeAtLimit(requests)) + " at the limit")
			.orElse(count + " (no published limit)");
	}

	/** "40 s", "1 min 23 s", "2 h 5 min". */
	static String format(Duration d) {
		long s = d.toSeconds();
		if (s < 60) {
			return s + " s";
		}
		if (s < 3600) {
			return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
		}
		return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
	}

}
