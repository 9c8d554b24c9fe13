package io.marketbatch.support;

import io.marketbatch.market.CalendarException;
import io.marketbatch.market.TradingCalendar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The NSE calendar exactly as the migrations seed it, for tests that run without a
 * database.
 */
public final class TestCalendars {

	private static final Pattern ROW = Pattern.compile(
			"\\('NSE', DATE '([0-9-]+)', '(HOLIDAY|SPECIAL)', (NULL|TIME '([0-9:]+)'), (NULL|TIME '([0-9:]+)'), '((?:[^']|'')*)'\\)");

	private TestCalendars() {
	}

	public static TradingCalendar nse() {
		String sql;
		try {
			sql = Files.readString(Path.of("sql/common/V4__nse_calendar_2025_2026.sql"))
					+ Files.readString(Path.of("sql/common/V8__nse_budget_sessions.sql"));
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		List<CalendarException> exceptions = new ArrayList<>();
		Matcher m = ROW.matcher(sql);
		while (m.find()) {
			LocalDate date = LocalDate.parse(m.group(1));
			String description = m.group(7).replace("''", "'");
			exceptions
				.add(m.group(2).equals("HOLIDAY") ? CalendarException.holiday(date, description) : CalendarException
					.special(date, LocalTime.parse(m.group(4)), LocalTime.parse(m.group(6)), description));
		}
		if (exceptions.size() < 30) {
			throw new IllegalStateException("calendar seed not parsed: " + exceptions.size() + " rows");
		}
		return TradingCalendar.nse(exceptions);
	}

}
