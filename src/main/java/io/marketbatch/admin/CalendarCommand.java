package io.marketbatch.admin;

import io.marketbatch.jobs.CalendarDrift;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarMismatches;
import io.marketbatch.store.CalendarRepository;

import java.io.PrintStream;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * {@code calendar}: the days a broker traded while the calendar said closed, and
 * {@code calendar add-session 2026-11-08 18:00 19:00 "Muhurat"}, which writes the
 * {@code trading_day} row that fixes one (the jobs read the calendar at every run).
 */
public class CalendarCommand {

	private final CalendarRepository calendars;

	private final CalendarMismatches mismatches;

	private final PrintStream out;

	public CalendarCommand(CalendarRepository calendars, CalendarMismatches mismatches, PrintStream out) {
		this.calendars = calendars;
		this.mismatches = mismatches;
		this.out = out;
	}

	public int execute(List<String> words) {
		return execute(words, null);
	}

	/**
	 * @param exchange the exchange whose calendar {@code add-session} edits; the
	 * configured one when null
	 */
	public int execute(List<String> words, @Nullable String exchange) {
		if (words.isEmpty()) {
			return report();
		}
		String market = exchange == null ? calendars.exchange() : exchange.strip().toUpperCase(Locale.ROOT);
		if (!calendars.knows(market)) {
			throw new BadJobRequestException("--exchange: unknown exchange '" + market + "'; the exchanges are "
					+ String.join(", ", calendars.exchanges()));
		}
		if (!words.get(0).equals("add-session") || words.size() < 4 || words.size() > 5) {
			throw new BadJobRequestException("usage: calendar | calendar add-session yyyy-MM-dd HH:mm HH:mm "
					+ "[\"description\"], e.g. calendar add-session 2026-11-08 18:00 19:00 \"Muhurat\"");
		}
		LocalDate day = DataQueries.date("date", words.get(1));
		LocalTime opens = time("opens", words.get(2));
		LocalTime closes = time("closes", words.get(3));
		if (!closes.isAfter(opens)) {
			throw new BadJobRequestException("closes (" + closes + ") must be after opens (" + opens + ")");
		}
		String description = words.size() == 5 && !words.get(4).isBlank() ? words.get(4) : "Special session";
		calendars.addSession(market, day, opens, closes, description);
		out.println(market + " " + day + " (" + day.getDayOfWeek() + "): session " + opens + "-" + closes + " IST, \""
				+ description + "\". Fetch its candles with: run historyBackfill from=" + day + " to=" + day
				+ (market.equals(calendars.exchange()) ? "" : " exchange=" + market));
		return Commands.OK;
	}

	private int report() {
		Map<String, TradingCalendar> byExchange = new HashMap<>();
		List<CalendarMismatches.Mismatch> all = mismatches.all();
		if (all.isEmpty()) {
			out.println("no calendar mismatch recorded: no broker answered a day or hour the calendar calls closed");
		}
		for (CalendarMismatches.Mismatch m : all) {
			TradingCalendar calendar = byExchange.computeIfAbsent(m.exchange(), calendars::load);
			boolean fixed = calendar.isOpen(m.firstMinute());
			out.printf("%s %s %s: %d candles of %s at %s IST%s%n", m.exchange(), m.day(), m.day().getDayOfWeek(),
					m.candles(), m.instrument(), CalendarDrift.hours(m, calendar),
					fixed ? " (fixed: the calendar has the session now)"
							: "; fix: " + CalendarDrift.fixCommand(m, calendar));
		}
		return Commands.OK;
	}

	private static LocalTime time(String name, String value) {
		try {
			return LocalTime.parse(value);
		}
		catch (DateTimeParseException e) {
			throw new BadJobRequestException(
					"calendar add-session: " + name + " expected as HH:mm (IST), got '" + value + "'");
		}
	}

}
