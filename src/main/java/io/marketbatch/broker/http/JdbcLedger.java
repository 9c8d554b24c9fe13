package io.marketbatch.broker.http;

import io.marketbatch.broker.BrokerUnavailableException;
import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import javax.sql.DataSource;

/**
 * A budget every process on one PostgreSQL database shares: its row in
 * {@code request_budget} (the lock, the count of requests admitted, the penalty state)
 * and the times of its requests of the longest window in {@code request_budget_log},
 * numbered and indexed by time, so the N-th latest is one short index scan. The rule runs
 * in the database (functions {@code request_budget_admit}, {@code _answered} of migration
 * V18, {@code _breach} of V11): one call, one short transaction holding the budget's row
 * lock, on the database's clock, so every process and node sees one clock.
 */
final class JdbcLedger implements Ledger {

	private static final long BLOCKED_FOR_THE_DAY = -2;

	private final DataSource dataSource;

	private final String budget;

	JdbcLedger(DataSource dataSource, String budget) {
		this.dataSource = dataSource;
		this.budget = budget;
	}

	@Override
	public Answer tryAcquire(List<Window> windows, Penalty penalty, long flightMicros) {
		try (Connection c = dataSource.getConnection();
				PreparedStatement call = c
					.prepareStatement("SELECT wait_us, admitted FROM request_budget_admit(?, ?, ?, ?, ?)")) {
			call.setString(1, budget);
			call.setArray(2, c.createArrayOf("integer", windows.stream().map(Window::requests).toArray()));
			call.setArray(3, c.createArrayOf("bigint", windows.stream().map(Window::spanMicros).toArray()));
			call.setLong(4, Math.max(0, flightMicros));
			call.setInt(5, penalty.breachesPerDay());
			long wait;
			long number;
			try (ResultSet rs = call.executeQuery()) {
				rs.next();
				wait = rs.getLong(1);
				number = rs.getLong(2);
			}
			commit(c);
			if (wait == BLOCKED_FOR_THE_DAY) {
				throw penalty.blocked(budget);
			}
			return wait == 0 ? Answer.admitted(number) : Answer.waitFor(wait);
		}
		catch (SQLException e) {
			throw unavailable(e);
		}
	}

	@Override
	public void answered(long number) {
		try (Connection c = dataSource.getConnection();
				PreparedStatement call = c.prepareStatement("SELECT request_budget_answered(?, ?)")) {
			call.setString(1, budget);
			call.setLong(2, number);
			call.executeQuery().close();
			commit(c);
		}
		catch (SQLException e) {
			throw unavailable(e);
		}
	}

	@Override
	public void breach(Penalty penalty) {
		try (Connection c = dataSource.getConnection();
				PreparedStatement call = c.prepareStatement("SELECT request_budget_breach(?, ?)")) {
			call.setString(1, budget);
			call.setLong(2, penalty.pause().toNanos() / 1000);
			call.executeQuery().close();
			commit(c);
		}
		catch (SQLException e) {
			throw unavailable(e);
		}
	}

	/** The calls run in their own transaction (a pool set to autocommit off included). */
	private static void commit(Connection c) throws SQLException {
		if (!c.getAutoCommit()) {
			c.commit();
		}
	}

	private BrokerUnavailableException unavailable(SQLException e) {
		return new BrokerUnavailableException(
				"request budget " + budget + ": the database did not answer: " + e.getMessage(), e);
	}

}
