package io.marketbatch.market;

import java.time.Duration;
import java.time.LocalTime;

/** The open hours of one trading day in exchange local time: [opens, closes). */
public record Session(LocalTime opens, LocalTime closes) {

	/** NSE equity and F&O normal market. */
	public static final Session NSE_NORMAL = new Session(LocalTime.of(9, 15), LocalTime.of(15, 30));

	public Session {
		if (!opens.isBefore(closes)) {
			throw new IllegalArgumentException("session must open before it closes: " + opens + "-" + closes);
		}
	}

	public int minutes() {
		return (int) Duration.between(opens, closes).toMinutes();
	}

	/** This session cut to {@code limit}'s hours; empty when they do not overlap. */
	public java.util.Optional<Session> clippedTo(Session limit) {
		LocalTime from = opens.isAfter(limit.opens) ? opens : limit.opens;
		LocalTime to = closes.isBefore(limit.closes) ? closes : limit.closes;
		return from.isBefore(to) ? java.util.Optional.of(new Session(from, to)) : java.util.Optional.empty();
	}

	public boolean contains(LocalTime minute) {
		return !minute.isBefore(opens) && minute.isBefore(closes);
	}

	@Override
	public String toString() {
		return opens + "-" + closes;
	}
}
