package io.marketbatch.market;

import java.time.LocalDate;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code trading_day}: a weekday holiday, a special session (Muhurat, an ad hoc
 * Saturday) that replaces the regular hours of that date, or a partial day (MCX's
 * morning-closed evening, its New Year's morning) whose hours each segment clips to its
 * own regular hours.
 */
public record CalendarException(LocalDate date, Kind kind, @Nullable LocalTime opens, @Nullable LocalTime closes,
		String description) {

	public enum Kind {

		HOLIDAY, SPECIAL, PARTIAL

	}

	public CalendarException {
		if (kind != Kind.HOLIDAY && (opens == null || closes == null)) {
			throw new IllegalArgumentException(
					kind.name().toLowerCase() + " session on " + date + " needs opening and closing times");
		}
	}

	public static CalendarException holiday(LocalDate date, String description) {
		return new CalendarException(date, Kind.HOLIDAY, null, null, description);
	}

	public static CalendarException special(LocalDate date, LocalTime opens, LocalTime closes, String description) {
		return new CalendarException(date, Kind.SPECIAL, opens, closes, description);
	}

	public static CalendarException partial(LocalDate date, LocalTime opens, LocalTime closes, String description) {
		return new CalendarException(date, Kind.PARTIAL, opens, closes, description);
	}

}
