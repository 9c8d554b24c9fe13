package io.marketbatch.market;

import java.time.LocalDate;

/**
 * A row of {@code exchange_hours}: the regular session of an exchange (or of one of its
 * segments, e.g. MCX agri) on weekdays from {@code effectiveFrom} until the next row's
 * date.
 */
public record RegularHours(LocalDate effectiveFrom, Session session) {

	/** Since the start of time: for an exchange whose hours never changed. */
	public static RegularHours always(Session session) {
		return new RegularHours(LocalDate.of(2000, 1, 1), session);
	}

}
