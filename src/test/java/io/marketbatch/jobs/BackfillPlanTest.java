package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.http.RateLimit;
import io.marketbatch.broker.http.RequestBudgets;

import java.time.Duration;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.test.MetaDataInstanceFactory;

class BackfillPlanTest {

	/** Ten windows; a checkpoint says how many are done. */
	static class TenWindows implements ItemStreamReader<Integer> {

		int next;

		boolean open;

		int opened;

		@Override
		public void open(ExecutionContext context) {
			next = context.getInt("done", 0);
			open = true;
			opened++;
		}

		@Override
		public @Nullable Integer read() {
			return next < 10 ? next++ : null;
		}

		@Override
		public void close() {
			open = false;
		}

	}

	@Test
	void theLineGivesRequestsBrokerLimitAndTimeAtTheLimit() {
		RateLimit kite = RateLimit.of("kite-historical", RateLimit.perSecond(3));
		assertThat(BackfillPlan.describe(250, "kite", Optional.of(kite)))
			.isEqualTo("plan: 250 requests to kite (3/s) ≈ 1 min 23 s at the limit");
		RateLimit upstox = RateLimit.of("upstox", RateLimit.perSecond(50), RateLimit.perMinute(500),
				RateLimit.per(2000, Duration.ofMinutes(30)));
		assertThat(BackfillPlan.describe(5000, "upstox", Optional.of(upstox)))
			.isEqualTo("plan: 5000 requests to upstox (50/s, 500/min, 2000/30 min) ≈ 1 h at the limit");
		assertThat(BackfillPlan.describe(1, "sim", Optional.empty()))
			.isEqualTo("plan: 1 request to sim (no published limit)");
		assertThat(BackfillPlan.describe(0, "kite", Optional.of(kite))).contains("no request to kite");
		assertThat(BackfillPlan.format(Duration.ofSeconds(40))).isEqualTo("40 s");
		assertThat(BackfillPlan.format(Duration.ofSeconds(120))).isEqualTo("2 min");
		assertThat(BackfillPlan.format(Duration.ofSeconds(7500))).isEqualTo("2 h 5 min");
	}

	/** Ten windows that it measures once, for the plan and then the step. */
	static class ScanningTenWindows extends TenWindows implements BackfillPlan.Scan {

		int plans;

		@Override
		public long plan(ExecutionContext checkpoint) {
			plans++;
			return 10 - checkpoint.getInt("done", 0);
		}

	}

	@Test
	void aReaderThatScansIsAskedForItsPlanOnceAndNotReadThrough() {
		RequestBudgets budgets = RequestBudgets.inProcess();
		ScanningTenWindows reader = new ScanningTenWindows();
		ExecutionContext checkpoint = new ExecutionContext();
		checkpoint.putInt("done", 7);
		StepExecution step = MetaDataInstanceFactory.createStepExecution(checkpoint);
		new BackfillPlan(reader, "sim", budgets, false).beforeStep(step);
		assertThat(step.getExecutionContext().getLong(BackfillPlan.REQUESTS)).isEqualTo(3);
		// the holes are measured once: the plan's scan is the step's, no read-through
		assertThat(reader.plans).isEqualTo(1);
		assertThat(reader.opened).isZero();
		assertThat(reader.next).isZero();
	}

	@Test
	void countsWhatAnyOtherReaderWillReadFromTheStepsCheckpoint() {
		RequestBudgets budgets = RequestBudgets.inProcess();
		budgets.candleLimit("kite", "kite-historical", "plan-test", null, RateLimit.perSecond(3));
		TenWindows reader = new TenWindows();
		ExecutionContext checkpoint = new ExecutionContext();
		checkpoint.putInt("done", 4);
		StepExecution step = MetaDataInstanceFactory.createStepExecution(checkpoint);
		new BackfillPlan(reader, "kite", budgets, false).beforeStep(step);
		assertThat(step.getExecutionContext().getLong(BackfillPlan.REQUESTS)).isEqualTo(6);
		// a reader that cannot scan is read through once beforehand
		assertThat(reader.opened).isEqualTo(1);
		// closed again, and the step's checkpoint untouched: the step opens it afresh
		assertThat(reader.open).isFalse();
		assertThat(step.getExecutionContext().getInt("done")).isEqualTo(4);
	}

}
