package io.marketbatch.store;

import io.marketbatch.market.CalendarException;
import io.marketbatch.market.TradingCalendar;

import java.util.List;

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

	public TradingCalendar load() {
		if (alwaysOpen) {
			return TradingCalendar.alwaysOpen(exchange);
		}
		List<CalendarException> exceptions = jdbc
			.sql("SELECT trade_date, kind, opens, closes, description FROM trading_day WHERE exchange = ?")
			.param(exchange)
			.query((rs, n) -> new CalendarException(rs.getObject(1, java.time.LocalDate.class),
					CalendarException.Kind.valueOf(rs.getString(2)), rs.getObject(3, java.time.LocalTime.class),
					rs.getObject(4, java.time.LocalTime.class), rs.getString(5)))
			.list();
		return TradingCalendar.nse(exceptions);
	}

}
