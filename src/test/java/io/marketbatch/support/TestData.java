package io.marketbatch.support;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.broker.sim.SimulatedBroker;

import java.util.List;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every database-backed test starts from: no market data, no job history, a well
 * broker.
 */
public final class TestData {

	private static final List<String> TABLES = List.of("candle", "ltp_snapshot", "sync_status",
			"BATCH_STEP_EXECUTION_CONTEXT", "BATCH_STEP_EXECUTION", "BATCH_JOB_EXECUTION_CONTEXT",
			"BATCH_JOB_EXECUTION_PARAMS", "BATCH_JOB_EXECUTION", "BATCH_JOB_INSTANCE");

	private TestData() {
	}

	/**
	 * Empties the market-data tables and the job repository (instruments and universes
	 * stay).
	 */
	public static void clean(JdbcTemplate jdbc, MarketDataSource broker) {
		TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
		RetryingMarketDataSource retrying = (RetryingMarketDataSource) broker;
		retrying.resetToken();
		if (retrying.delegate() instanceof SimulatedBroker sim) {
			sim.faults().reset(null, 0, null, null);
			sim.faults().rejectToken(false);
		}
	}

	/** The fault knobs of the simulated broker behind the retrying wrapper. */
	public static SimFaults simFaults(MarketDataSource broker) {
		return ((SimulatedBroker) ((RetryingMarketDataSource) broker).delegate()).faults();
	}

}
