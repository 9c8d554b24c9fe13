package io.marketbatch.broker.upstox;

import io.marketbatch.market.CalendarException;
import io.marketbatch.market.TradingCalendar;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Upstox's market-holidays answer ({@code GET /v2/market/holidays}) as calendar rows for
 * one exchange: a day on which the exchange is among {@code open_exchanges} is a special
 * session with those hours (Muhurat); a weekday on which it is among
 * {@code closed_exchanges} of a trading holiday is a holiday. Settlement holidays do not
 * close trading.
 */
final class UpstoxHolidays {

	private UpstoxHolidays() {
	}

	static List<CalendarException> parse(JsonNode answer, String exchange) {
		List<CalendarException> days = new ArrayList<>();
		for (JsonNode day : answer.path("data")) {
			LocalDate date = LocalDate.parse(day.path("date").asString());
			String description = day.path("description").asString("holiday");
			JsonNode open = null;
			for (JsonNode session : day.path("open_exchanges")) {
				if (exchange.equals(session.path("exchange").asString(""))) {
					open = session;
				}
			}
			if (open != null) {
				days.add(CalendarException.special(date, time(open.path("start_time").asLong()),
						time(open.path("end_time").asLong()), description));
				continue;
			}
			boolean closed = false;
			for (JsonNode name : day.path("closed_exchanges")) {
				closed |= exchange.equals(name.asString(""));
			}
			boolean weekday = date.getDayOfWeek() != DayOfWeek.SATURDAY && date.getDayOfWeek() != DayOfWeek.SUNDAY;
			if (closed && weekday && "TRADING_HOLIDAY".equals(day.path("holiday_type").asString(""))) {
				days.add(CalendarException.holiday(date, description));
			}
		}
		return days;
	}

	private static LocalTime time(long epochMillis) {
		return Instant.ofEpochMilli(epochMillis).atZone(TradingCalendar.IST).toLocalTime();
	}

}
