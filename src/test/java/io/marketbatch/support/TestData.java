package io.marketbatch.support;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.broker.sim.SimulatedBroker;

import java.util.List;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every database-backed test starts from: no market data, no job history, a well
 * broker.
 */
public final class TestData {

	/** Ours; Spring Batch's tables are emptied through its own test kit. */
	private static final List<String> MARKET_TABLES = List.of("candle", "ltp_snapshot", "sync_status");

	private TestData() {
	}

	/**
	 * Empties the market-data tables and the job repository (instruments and universes
	 * stay).
	 */
	public static void clean(JdbcTemplate jdbc, JobRepository jobRepository, MarketDataSource broker) {
		MARKET_TABLES.forEach(table -> jdbc.update("DELETE FROM " + table));
		new JobRepositoryTestUtils(jobRepository).removeJobExecutions();
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
