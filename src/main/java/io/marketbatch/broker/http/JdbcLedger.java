package io.marketbatch.broker.http;

import io.marketbatch.broker.BrokerUnavailableException;
import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;

/**
 * A budget every process on one PostgreSQL database shares: its row in
 * {@code request_budget} (the lock, the count of requests sent, the penalty state) and
 * the send times of its last N requests in {@code request_budget_log}, numbered, so the
 * N-th most recent is one key lookup. One short transaction per request, holding the
 * budget's row lock, on the database's clock, so every process and node sees one clock.
 */
final class JdbcLedger implements Ledger {

	/** Old log rows are deleted every this many requests. */
	private static final int PURGE_EVERY = 256;

	private final DataSource dataSource;

	private final String budget;

	private final int depth;

	private volatile boolean rowExists;

	JdbcLedger(DataSource dataSource, String budget, int depth) {
		this.dataSource = dataSource;
		this.budget = budget;
		this.depth = Math.max(1, depth);
	}

	/** The budget's row, locked, with the database's time. */
	private record Head(long sent, @Nullable OffsetDateTime pausedUntil, @Nullable LocalDate breachDay, int breaches,
			OffsetDateTime now) {

		long nowMicros() {
			return micros(now);
		}

		LocalDate today() {
			return now.atZoneSameInstant(Penalty.DAY_ZONE).toLocalDate();
		}

	}

	@FunctionalInterface
	private interface Work<T> {

		T run(Connection c) throws SQLException;

	}

	@Override
	public long tryAcquire(List<Window> windows, Penalty penalty) {
		return inTransaction(c -> {
			Head head = lock(c);
			penalty.requireAllowed(budget, head.breachDay(), head.breaches(), head.today());
			Map<Long, Long> sentAt = sentAt(c, head.sent(), windows);
			long earliest = SlidingWindows.earliest(windows,
					k -> sentAt.getOrDefault(head.sent() - k + 1, SlidingWindows.NEVER));
			if (head.pausedUntil() != null) {
				earliest = Math.max(earliest, micros(head.pausedUntil()));
			}
			if (head.nowMicros() < earliest) {
				return earliest - head.nowMicros();
			}
			long number = head.sent() + 1;
			try (PreparedStatement insert = c
				.prepareStatement("INSERT INTO request_budget_log (budget, seq, sent_at) VALUES (?, ?, ?)")) {
				insert.setString(1, budget);
				insert.setLong(2, number);
				insert.setObject(3, head.now());
				insert.executeUpdate();
			}
			try (PreparedStatement update = c.prepareStatement("UPDATE request_budget SET sent = ? WHERE budget = ?")) {
				update.setLong(1, number);
				update.setString(2, budget);
				update.executeUpdate();
			}
			if (number % PURGE_EVERY == 0) {
				try (PreparedStatement purge = c
					.prepareStatement("DELETE FROM request_budget_log WHERE budget = ? AND seq <= ?")) {
					purge.setString(1, budget);
					purge.setLong(2, number - depth);
					purge.executeUpdate();
				}
			}
			return 0L;
		});
	}

	@Override
	public void breach(Penalty penalty) {
		inTransaction(c -> {
			Head head = lock(c);
			int breaches = head.today().equals(head.breachDay()) ? head.breaches() + 1 : 1;
			OffsetDateTime until = head.now().plus(penalty.pause().toNanos() / 1000, ChronoUnit.MICROS);
			if (head.pausedUntil() != null && head.pausedUntil().isAfter(until)) {
				until = head.pausedUntil();
			}
			try (PreparedStatement update = c.prepareStatement(
					"UPDATE request_budget SET paused_until = ?, breach_day = ?, breaches = ? WHERE budget = ?")) {
				update.setObject(1, until);
				update.setObject(2, head.today());
				update.setInt(3, breaches);
				update.setString(4, budget);
				update.executeUpdate();
			}
			return null;
		});
	}

	private Head lock(Connection c) throws SQLException {
		if (!rowExists) {
			try (PreparedStatement insert = c
				.prepareStatement("INSERT INTO request_budget (budget) VALUES (?) ON CONFLICT (budget) DO NOTHING")) {
				insert.setString(1, budget);
				insert.executeUpdate();
			}
		}
		try (PreparedStatement select = c.prepareStatement("SELECT sent, paused_until, breach_day, breaches, "
				+ "clock_timestamp() FROM request_budget WHERE budget = ? FOR UPDATE")) {
			select.setString(1, budget);
			try (ResultSet rs = select.executeQuery()) {
				if (!rs.next()) {
					throw new SQLException("no request_budget row for " + budget);
				}
				return new Head(rs.getLong(1), rs.getObject(2, OffsetDateTime.class), rs.getObject(3, LocalDate.class),
						rs.getInt(4), rs.getObject(5, OffsetDateTime.class));
			}
		}
	}

	/** Send times of the requests the windows look at, by number. */
	private Map<Long, Long> sentAt(Connection c, long sent, List<Window> windows) throws SQLException {
		Map<Long, Long> times = new HashMap<>();
		Long[] numbers = windows.stream()
			.map(w -> sent - w.requests() + 1)
			.filter(n -> n >= 1)
			.distinct()
			.toArray(Long[]::new);
		if (numbers.length == 0) {
			return times;
		}
		try (PreparedStatement select = c
			.prepareStatement("SELECT seq, sent_at FROM request_budget_log WHERE budget = ? AND seq = ANY (?)")) {
			select.setString(1, budget);
			select.setArray(2, c.createArrayOf("bigint", numbers));
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					times.put(rs.getLong(1), micros(rs.getObject(2, OffsetDateTime.class)));
				}
			}
		}
		return times;
	}

	private static long micros(OffsetDateTime time) {
		return ChronoUnit.MICROS.between(OffsetDateTime.of(1970, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC), time);
	}

	private <T> T inTransaction(Work<T> work) {
		try (Connection c = dataSource.getConnection()) {
			boolean autoCommit = c.getAutoCommit();
			c.setAutoCommit(false);
			try {
				T result = work.run(c);
				c.commit();
				rowExists = true;
				return result;
			}
			catch (SQLException | RuntimeException e) {
				c.rollback();
				throw e;
			}
			finally {
				c.setAutoCommit(autoCommit);
			}
		}
		catch (SQLException e) {
			throw new BrokerUnavailableException(
					"request budget " + budget + ": the database did not answer: " + e.getMessage(), e);
		}
	}

}
