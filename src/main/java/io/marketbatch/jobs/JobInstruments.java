package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.InstrumentDirectory;

import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;

/**
 * The instruments a job covers, from its {@code universe} or {@code symbols} parameter,
 * and the calendar of its {@code exchange} parameter. Both are read inside the running
 * step (its job parameters), so a step built once serves every exchange; a run made
 * before {@code exchange} was a parameter is on the configured exchange.
 */
final class JobInstruments {

	private JobInstruments() {
	}

	static Supplier<List<Instrument>> of(InstrumentDirectory directory, String universe, String symbols) {
		return () -> symbols != null
				? directory.symbols(exchange(currentParameters(), directory.exchange()), JobRequests.symbols(symbols))
				: directory.universe(universe);
	}

	/**
	 * The calendar of the running step's exchange (the configured one outside a step).
	 */
	static Supplier<TradingCalendar> calendar(CalendarRepository calendars) {
		return () -> calendars.load(exchange(currentParameters(), calendars.exchange()));
	}

	/** The calendar of the exchange in {@code parameters}. */
	static TradingCalendar calendar(CalendarRepository calendars, JobParameters parameters) {
		return calendars.load(exchange(parameters, calendars.exchange()));
	}

	static String exchange(@Nullable JobParameters parameters, String fallback) {
		String exchange = parameters == null ? null : parameters.getString(JobRequests.EXCHANGE);
		return exchange != null ? exchange : fallback;
	}

	private static @Nullable JobParameters currentParameters() {
		StepContext context = StepSynchronizationManager.getContext();
		return context == null ? null : context.getStepExecution().getJobParameters();
	}

}
