package io.marketbatch.market;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a broker answered for one instrument's trading day: every session minute before
 * {@code answeredThrough} was answered, and of those {@code noTrade} had no candle (the
 * instrument did not trade; a real broker sends no bar then). {@code unavailable} marks a
 * day beyond the broker's history depth: not asked, nothing to expect.
 */
public record DayCoverage(LocalDate day, Instant answeredThrough, List<Instant> noTrade, boolean unavailable) {

	public DayCoverage {
		noTrade = List.copyOf(noTrade);
	}

	/**
	 * The coverage of one answer: the session minutes of {@code day} that finished by
	 * {@code through} were answered, and those without a candle in {@code candleMinutes}
	 * are no-trade minutes.
	 */
	public static DayCoverage answered(TradingCalendar calendar, LocalDate day, Instant through,
			Collection<Instant> candleMinutes) {
		Set<Instant> traded = candleMinutes instanceof Set<Instant> set ? set : new HashSet<>(candleMinutes);
		Instant close = calendar.sessionClose(day);
		Instant end = through.isAfter(close) ? close : through;
		List<Instant> noTrade = new ArrayList<>();
		Instant last = calendar.sessionOpen(day);
		for (Instant minute : calendar.expectedMinutes(day)) {
			if (minute.plusSeconds(60).isAfter(end)) {
				break;
			}
			last = minute.plusSeconds(60);
			if (!traded.contains(minute)) {
				noTrade.add(minute);
			}
		}
		return new DayCoverage(day, last, noTrade, false);
	}

	/** A day before the broker's history depth: not asked, counted as unavailable. */
	public static DayCoverage unavailable(TradingCalendar calendar, LocalDate day) {
		return new DayCoverage(day, calendar.sessionClose(day), List.of(), true);
	}

	/** The no-trade minutes as exchange times, runs folded: {@code 09:17,10:02-10:05}. */
	public String noTradeText(ZoneId zone) {
		StringBuilder text = new StringBuilder();
		int i = 0;
		while (i < noTrade.size()) {
			int j = i;
			while (j + 1 < noTrade.size() && noTrade.get(j + 1).equals(noTrade.get(j).plusSeconds(60))) {
				j++;
			}
			text.append(text.isEmpty() ? "" : ",").append(hhmm(noTrade.get(i), zone));
			if (j > i) {
				text.append('-').append(hhmm(noTrade.get(j), zone));
			}
			i = j + 1;
		}
		return text.toString();
	}

	/** The minutes of {@link #noTradeText} back, on {@code day}. */
	public static Set<Instant> parseNoTrade(String text, LocalDate day, ZoneId zone) {
		Set<Instant> minutes = new HashSet<>();
		if (text == null || text.isBlank()) {
			return minutes;
		}
		for (String part : text.split(",")) {
			String[] ends = part.strip().split("-");
			Instant first = day.atTime(LocalTime.parse(ends[0])).atZone(zone).toInstant();
			Instant last = ends.length > 1 ? day.atTime(LocalTime.parse(ends[1])).atZone(zone).toInstant() : first;
			for (Instant t = first; !t.isAfter(last); t = t.plusSeconds(60)) {
				minutes.add(t);
			}
		}
		return minutes;
	}

	private static String hhmm(Instant minute, ZoneId zone) {
		return minute.atZone(zone).toLocalTime().toString().substring(0, 5);
	}

}
