package io.marketbatch.market;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * Bar widths stored in {@code candle.timeframe}. Bars are anchored at the session open.
 */
public enum Timeframe {

	M1("1m", 1), M5("5m", 5), M15("15m", 15), M30("30m", 30), H1("1h", 60),
	/** One bar for the whole session, whatever its length. */
	D1("1d", 0);

	private final String label;

	private final int minutes;

	Timeframe(String label, int minutes) {
		this.label = label;
		this.minutes = minutes;
	}

	/** The value stored in the database and used on the command line. */
	public String label() {
		return label;
	}

	/** Width of an intraday bar; {@code D1} spans the session and has no fixed width. */
	public Duration width() {
		return Duration.ofMinutes(minutes);
	}

	public boolean isDaily() {
		return this == D1;
	}

	public static Optional<Timeframe> fromLabel(String label) {
		return Arrays.stream(values()).filter(t -> t.label.equals(label)).findFirst();
	}

	@Override
	public String toString() {
		return label;
	}

}
