package io.marketbatch.market;

import java.time.LocalDate;
import java.util.Optional;

/**
 * What the calendar says about one date: its session when the market opens, otherwise why
 * it is closed ("Gandhi Jayanti", "weekend"). {@code note} names a special session.
 */
public record TradingDay(LocalDate date, Session session, String closedReason, String note) {

	public static TradingDay open(LocalDate date, Session session, String note) {
		return new TradingDay(date, session, null, note);
	}

	public static TradingDay closed(LocalDate date, String reason) {
		return new TradingDay(date, null, reason, null);
	}

	public boolean isOpen() {
		return session != null;
	}

	public Optional<Session> sessionIfOpen() {
		return Optional.ofNullable(session);
	}
}
