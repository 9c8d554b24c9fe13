package io.marketbatch.store;

import io.marketbatch.market.CalendarException;
import io.marketbatch.market.TradingCalendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads {@code trading_day} into a {@link TradingCalendar}; fresh at every call so
 * operator edits apply.
 */
public class CalendarRepository {

	private final JdbcClient jdbc;

	private final String exchange;

	private final boolean alwaysOpen;

	public CalendarRepository(JdbcClient jdbc, String exchange, boolean alwaysOpen) {
		this.jdbc = jdbc;
		this.exchange = exchange;
		this.alwaysOpen = alwaysOpen;
	}

	/** The calendar of the configured exchange. */
	public TradingCalendar load() {
		return load(exchange);
	}

	/** The calendar of {@code exchange} (NSE, BSE, MCX, ...). */
	public TradingCalendar load(String exchange) {
		if (alwaysOpen) {
			return TradingCalendar.alwaysOpen(exchange);
		}
		List<CalendarException> exceptions = jdbc
			.sql("SELECT trade_date, kind, opens, closes, description FROM trading_day WHERE exchange = ?")
			.param(exchange)
			.query((rs, n) -> new CalendarException(rs.getObject(1, LocalDate.class),
					CalendarException.Kind.valueOf(rs.getString(2)), rs.getObject(3, LocalTime.class),
					rs.getObject(4, LocalTime.class), rs.getString(5)))
			.list();
		return TradingCalendar.nse(exceptions);
	}

	/**
	 * Writes a special session for {@code day} (Muhurat, a Budget-day weekend session),
	 * replacing whatever the day had; true when a row was written or changed.
	 */
	public boolean addSession(LocalDate day, LocalTime opens, LocalTime closes, String description) {
		int updated = jdbc
			.sql("UPDATE trading_day SET kind = 'SPECIAL', opens = ?, closes = ?, description = ? "
					+ "WHERE exchange = ? AND trade_date = ?")
			.params(opens, closes, description, exchange, day)
			.update();
		if (updated == 0) {
			updated = jdbc
				.sql("INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description) "
						+ "VALUES (?, ?, 'SPECIAL', ?, ?, ?)")
				.params(exchange, day, opens, closes, description)
				.update();
		}
		return updated > 0;
	}

	/**
	 * Writes a broker-published holiday or session unless the day is known already (an
	 * operator's row stands); true when written.
	 */
	public boolean addIfAbsent(CalendarException day) {
		return jdbc
			.sql("INSERT INTO trading_day (exchange, trade_date, kind, opens, closes, description) "
					+ "SELECT ?, ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 FROM trading_day "
					+ "WHERE exchange = ? AND trade_date = ?)")
			.params(exchange, day.date(), day.kind().name(), day.opens(), day.closes(), day.description(), exchange,
					day.date())
			.update() > 0;
	}

	/** The years for which the calendar holds at least one holiday. */
	public Set<Integer> yearsWithHolidays() {
		return new TreeSet<>(jdbc.sql("SELECT trade_date FROM trading_day WHERE exchange = ? AND kind = 'HOLIDAY'")
			.param(exchange)
			.query((rs, n) -> rs.getObject(1, LocalDate.class).getYear())
			.list());
	}

	public String exchange() {
		return exchange;
	}

	/** Whether the calendar is set to open every minute (demos, tests). */
	public boolean alwaysOpen() {
		return alwaysOpen;
	}

}
