package io.marketbatch.admin.alerts;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code open_alert}: the alerts sent and not yet resolved. Opening one that is open
 * already answers false (the primary key decides, so also across a restart and between
 * the nodes of a cluster); closing one answers it only once.
 */
public class OpenAlerts {

	/** What is kept of an open alert. */
	public record Open(String subject, String cause, OffsetDateTime openedAt, @Nullable Long executionId,
			String reason) {
	}

	private final JdbcClient jdbc;

	public OpenAlerts(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Records the alert as open; false when one for its subject and cause is open
	 * already.
	 */
	public boolean open(Alert alert) {
		if (find(alert.subject(), alert.cause()).isPresent()) {
			return false;
		}
		try {
			jdbc.sql("INSERT INTO open_alert (subject, cause, opened_at, execution_id, reason) VALUES (?, ?, ?, ?, ?)")
				.params(alert.subject(), alert.cause(), alert.at().atOffset(ZoneOffset.UTC), alert.executionId(),
						cut(alert.reason(), 2000))
				.update();
			return true;
		}
		catch (DataIntegrityViolationException raced) {
			// another thread or node opened it first, and sends it
			return false;
		}
	}

	/** Removes the open alert, answering it if this call was the one that closed it. */
	public Optional<Open> close(String subject, String cause) {
		Optional<Open> open = find(subject, cause);
		if (open.isEmpty()) {
			return open;
		}
		int deleted = jdbc.sql("DELETE FROM open_alert WHERE subject = ? AND cause = ?")
			.params(subject, cause)
			.update();
		return (deleted == 1) ? open : Optional.empty();
	}

	public Optional<Open> find(String subject, String cause) {
		return jdbc.sql(
				"SELECT subject, cause, opened_at, execution_id, reason FROM open_alert WHERE subject = ? AND cause = ?")
			.params(subject, cause)
			.query((rs, n) -> new Open(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
					(Long) rs.getObject(4, Long.class), rs.getString(5)))
			.optional();
	}

	/** The open alerts whose subject starts with {@code about} and a space. */
	public List<Open> about(String about) {
		return jdbc
			.sql("SELECT subject, cause, opened_at, execution_id, reason FROM open_alert WHERE subject LIKE ? "
					+ "ORDER BY opened_at")
			.param(about + " %")
			.query((rs, n) -> new Open(rs.getString(1), rs.getString(2), rs.getObject(3, OffsetDateTime.class),
					(Long) rs.getObject(4, Long.class), rs.getString(5)))
			.list();
	}

	private static String cut(String text, int max) {
		return (text.length() <= max) ? text : text.substring(0, max - 1) + "…";
	}

}
