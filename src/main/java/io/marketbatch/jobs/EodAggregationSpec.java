package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.JobSchedule;

import java.util.Optional;

/**
 * {@code eodAggregation(businessDate)}: the last completed trading day by default. It has
 * no trigger of its own: the daily close runs it after a COMPLETED dailyBackfill of the
 * same day.
 */
public final class EodAggregationSpec extends ClosedDaySpec {

	@Override
	public String name() {
		return JobNames.EOD_AGGREGATION;
	}

	@Override
	public Optional<JobSchedule> schedule() {
		return Optional.empty();
	}

	/** Bars from stored candles: no broker call. */
	@Override
	public boolean needsBroker() {
		return false;
	}

}
