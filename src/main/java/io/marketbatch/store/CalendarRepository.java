package io.marketbatch.store;

import io.marketbatch.market.CalendarException;
import io.marketbatch.market.ExchangeCalendars;
import io.marketbatch.market.RegularHours;
import io.marketbatch.market.Session;
import io.marketbatch.market.TradingCalendar;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Reads {@code exchange_hours} and {@code trading_day} into a {@link TradingCalendar} per
 * exchange; fresh at every call so operator edits apply. {@code exchange} is the
 * configured default ({@code marketbatch.exchange}).
 */
public class CalendarRepository implements ExchangeCalendars {

	/** The segment whose hours are the exchange's own (MCX non-agri). */
	public static final String MAIN_SEGMENT = "MAIN";

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

	/**
	 * The calendar of {@code exchange} (NSE, BSE, NFO, BFO, CDS, BCD, MCX).
	 * @throws IllegalArgumentException naming the known exchanges when it is not one
	 */
	public TradingCalendar load(String exchange) {
		return load(exchange, MAIN_SEGMENT);
	}

	@Override
	public TradingCalendar of(String exchange) {
		return load(exchange);
	}

	/**
	 * The calendar of one segment of {@code exchange} (MCX {@code AGRI_INTL},
	 * {@code AGRI}): its own regular hours, the exchange's exceptions, partial days
	 * clipped to its hours.
	 */
	public TradingCalendar load(String exchange, String segment) {
		List<RegularHours> hours = jdbc
			.sql("SELECT effective_from, opens, closes FROM exchange_hours WHERE exchange = ? AND segment = ? "
					+ "ORDER BY effective_from")
			.params(exchange, segment)
			.query((rs, n) -> new RegularHours(rs.getObject(1, LocalDate.class),
					new Session(rs.getObject(2, LocalTime.class), rs.getObject(3, LocalTime.class))))
			.list();
		if (hours.isEmpty()) {
			throw new IllegalArgumentException(MAIN_SEGMENT.equals(segment)
					? "unknown exchange '" + exchange + "': the exchanges are " + String.join(", ", exchanges())
					: "no segment '" + segment + "' of exchange " + exchange);
		}
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
		return TradingCalendar.of(exchange, TradingCalendar.IST, hours, exceptions);
	}

	/** The exchange codes the calendar knows, sorted. */
	public List<String> exchanges() {
		return jdbc.sql("SELECT DISTINCT exchange FROM exchange_hours ORDER BY exchange").query(String.class).list();
	}

	/** Whether {@code exchange} is a code the calendar knows. */
	public boolean knows(String exchange) {
		return jdbc.sql("SELECT COUNT(*) FROM exchange_hours WHERE exchange = ?")
			.param(exchange)
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * Writes a special session for {@code day} (Muhurat, a Budget-day weekend session),
	 * replacing whatever the day had; true when a row was written or changed.
	 */
	public boolean addSession(LocalDate day, LocalTime opens, LocalTime closes, String description) {
		return addSession(exchange, day, opens, closes, description);
	}

	/**
	 * {@link #addSession(LocalDate, LocalTime, LocalTime, String)} on {@code exchange}.
	 */
	public boolean addSession(String exchange, LocalDate day, LocalTime opens, LocalTime closes, String description) {
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
		return yearsWithHolidays(exchange);
	}

	/** The years for which {@code exchange}'s calendar holds at least one holiday. */
	public Set<Integer> yearsWithHolidays(String exchange) {
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
