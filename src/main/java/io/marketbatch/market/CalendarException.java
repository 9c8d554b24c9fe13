package io.marketbatch.market;

import java.time.LocalDate;
import java.time.LocalTime;

import org.jspecify.annotations.Nullable;

/**
 * A row of {@code trading_day}: a weekday holiday, or a special session (Muhurat, an ad
 * hoc Saturday) that replaces the regular hours of that date.
 */
public record CalendarException(LocalDate date, Kind kind, @Nullable LocalTime opens, @Nullable LocalTime closes,
		String description) {

	public enum Kind {

		HOLIDAY, SPECIAL

	}

	public CalendarException {
		if (kind == Kind.SPECIAL && (opens == null || closes == null)) {
			throw new IllegalArgumentException("special session on " + date + " needs opening and closing times");
		}
	}

	public static CalendarException holiday(LocalDate date, String description) {
		return new CalendarException(date, Kind.HOLIDAY, null, null, description);
	}

	public static CalendarException special(LocalDate date, LocalTime opens, LocalTime closes, String description) {
		return new CalendarException(date, Kind.SPECIAL, opens, closes, description);
	}
}
