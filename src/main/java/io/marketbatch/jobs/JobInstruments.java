package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.Instrument;
import io.marketbatch.store.InstrumentDirectory;

import java.util.List;
import java.util.function.Supplier;

/**
 * The instruments a job covers, from its {@code universe} or {@code symbols} parameter.
 */
final class JobInstruments {

	private JobInstruments() {
	}

	static Supplier<List<Instrument>> of(InstrumentDirectory directory, String universe, String symbols) {
		return () -> symbols != null ? directory.symbols(JobRequests.symbols(symbols)) : directory.universe(universe);
	}

}
