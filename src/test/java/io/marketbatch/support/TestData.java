package io.marketbatch.support;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.RetryingMarketDataSource;
import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.broker.sim.SimulatedBroker;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.test.JobRepositoryTestUtils;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * What every database-backed test starts from: no market data, no job history, a well
 * broker.
 */
public final class TestData {

	/** Ours; Spring Batch's tables are emptied through its own test kit. */
	private static final List<String> MARKET_TABLES = List.of("candle", "candle_coverage", "calendar_mismatch",
			"ltp_snapshot", "sync_status");

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

	/**
	 * Every stored 5m, 15m and 1d bar equals the aggregate of its stored 1-minute
	 * candles, computed here in SQL (first open, highest high, lowest low, last close,
	 * summed volume per bucket), and no bucket with minutes lacks its bar. IST buckets:
	 * 09:15 is a multiple of 15 minutes of the epoch, and a day starts at 00:00 IST.
	 */
	public static void assertBarsFollowMinutes(JdbcTemplate jdbc) {
		for (Object[] bucket : List.of(new Object[] { "5m", 300, 0 }, new Object[] { "15m", 900, 0 },
				new Object[] { "1d", 86_400, 19_800 })) {
			String key = "FLOOR((EXTRACT(EPOCH FROM ts) + " + bucket[2] + ") / " + bucket[1] + ")";
			Map<String, String> fromMinutes = new HashMap<>();
			jdbc.query("SELECT g.instrument_id, g.b, g.hi, g.lo, g.vol, (SELECT o.open FROM candle o WHERE "
					+ "o.instrument_id = g.instrument_id AND o.timeframe = '1m' AND o.ts = g.first_ts), (SELECT c.close "
					+ "FROM candle c WHERE c.instrument_id = g.instrument_id AND c.timeframe = '1m' AND c.ts = g.last_ts) "
					+ "FROM (SELECT instrument_id, " + key + " AS b, MIN(ts) AS first_ts, MAX(ts) AS last_ts, "
					+ "MAX(high) AS hi, MIN(low) AS lo, SUM(volume) AS vol FROM candle WHERE timeframe = '1m' "
					+ "GROUP BY instrument_id, " + key + ") g", rs -> {
						fromMinutes.put(rs.getLong(1) + "@" + rs.getLong(2), bar(rs.getBigDecimal(6),
								rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(7), rs.getLong(5)));
					});
			Map<String, String> stored = new HashMap<>();
			jdbc.query(
					"SELECT instrument_id, " + key + ", open, high, low, close, volume FROM candle WHERE timeframe = ?",
					rs -> {
						stored.put(rs.getLong(1) + "@" + rs.getLong(2), bar(rs.getBigDecimal(3), rs.getBigDecimal(4),
								rs.getBigDecimal(5), rs.getBigDecimal(6), rs.getLong(7)));
					}, bucket[0]);
			assertThat(stored).as(bucket[0] + " bars against their minutes").isEqualTo(fromMinutes);
		}
	}

	private static String bar(BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close, long volume) {
		return open.stripTrailingZeros().toPlainString() + "/" + high.stripTrailingZeros().toPlainString() + "/"
				+ low.stripTrailingZeros().toPlainString() + "/" + close.stripTrailingZeros().toPlainString() + "/"
				+ volume;
	}

	/** The fault knobs of the simulated broker behind the retrying wrapper. */
	public static SimFaults simFaults(MarketDataSource broker) {
		return ((SimulatedBroker) ((RetryingMarketDataSource) broker).delegate()).faults();
	}

}
