package io.marketbatch.store;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code calendar_mismatch}: days on which a broker answered candles the calendar calls
 * closed (a session nobody seeded). Recorded once per exchange and day; the calendar is
 * wrong, not the data.
 */
public class CalendarMismatches {

	/** One recorded day, the hours seen as first and last minute. */
	public record Mismatch(String exchange, LocalDate day, Instant firstMinute, Instant lastMinute, long candles,
			String instrument, Instant detectedAt) {
	}

	private final JdbcClient jdbc;

	public CalendarMismatches(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the day unless it is recorded already; true when it is new. */
	public boolean record(Mismatch mismatch) {
		// insert-if-absent in portable SQL; two writers racing on one day both see 0 or 1
		// row, and the primary key keeps one
		try {
			return jdbc
				.sql("INSERT INTO calendar_mismatch (exchange, trade_date, first_minute, last_minute, candles, instrument, "
						+ "detected_at) SELECT ?, ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM calendar_mismatch "
						+ "WHERE exchange = ? AND trade_date = ?)")
				.params(mismatch.exchange(), mismatch.day(), utc(mismatch.firstMinute()), utc(mismatch.lastMinute()),
						mismatch.candles(), mismatch.instrument(), utc(mismatch.detectedAt()), mismatch.exchange(),
						mismatch.day())
				.update() == 1;
		}
		catch (org.springframework.dao.DuplicateKeyException e) {
			return false;
		}
	}

	/** Every recorded day, newest first. */
	public List<Mismatch> all() {
		return jdbc
			.sql("SELECT exchange, trade_date, first_minute, last_minute, candles, instrument, detected_at "
					+ "FROM calendar_mismatch ORDER BY trade_date DESC")
			.query((rs, n) -> new Mismatch(rs.getString(1), rs.getObject(2, LocalDate.class),
					rs.getObject(3, OffsetDateTime.class).toInstant(),
					rs.getObject(4, OffsetDateTime.class).toInstant(), rs.getLong(5), rs.getString(6),
					rs.getObject(7, OffsetDateTime.class).toInstant()))
			.list();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
