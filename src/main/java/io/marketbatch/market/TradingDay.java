package io.marketbatch.market;

import java.time.LocalDate;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * What the calendar says about one date: its session when the market opens, otherwise why
 * it is closed ("Gandhi Jayanti", "weekend"). {@code note} names a special session. A day
 * has either a session or a closed reason, never both.
 */
public record TradingDay(LocalDate date, @Nullable Session session, @Nullable String closedReason,
		@Nullable String note) {

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
