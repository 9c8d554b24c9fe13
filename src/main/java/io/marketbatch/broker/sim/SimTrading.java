package io.marketbatch.broker.sim;

import io.marketbatch.market.TradingCalendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * How the simulated market trades like a real one: instruments that miss a deterministic
 * share of their minutes (no trade, no candle), recent minutes served only after a lag
 * and revised once after first being served (provisional), and sessions the calendar does
 * not know (an unannounced Muhurat) to exercise calendar drift.
 *
 * @param noTrade share of minutes without trades, per symbol
 * @param intradayLag a minute's candle is served this long after the minute ends
 * @param provisionalFor for this long after it is first served, a minute shows
 * provisional values that change once
 * @param extraSessions sessions traded on top of the calendar's
 */
public record SimTrading(Map<String, Double> noTrade, Duration intradayLag, Duration provisionalFor,
		List<ExtraSession> extraSessions) {

	/** A session the simulated exchange trades whatever the calendar says. */
	public record ExtraSession(LocalDate day, LocalTime opens, LocalTime closes) {
	}

	/** Every minute trades, no lag, no revision, no surprise session. */
	public static final SimTrading PERFECT = new SimTrading(Map.of(), Duration.ZERO, Duration.ZERO, List.of());

	public SimTrading {
		noTrade = Map.copyOf(noTrade);
		extraSessions = List.copyOf(extraSessions);
	}

	/**
	 * Parses {@code marketbatch.sim.no-trade} ({@code SYMBOL:0.2,...}) and
	 * {@code marketbatch.sim.extra-sessions} ({@code 2026-11-08T18:00/19:00,...}).
	 */
	public static SimTrading parse(String noTrade, Duration intradayLag, Duration provisionalFor,
			List<String> extraSessions) {
		Map<String, Double> shares = new LinkedHashMap<>();
		for (String entry : noTrade.isBlank() ? new String[0] : noTrade.split(",")) {
			String[] parts = entry.strip().split(":");
			try {
				double share = Double.parseDouble(parts[1]);
				if (parts.length != 2 || share < 0 || share >= 1) {
					throw new NumberFormatException();
				}
				shares.put(parts[0].strip().toUpperCase(Locale.ROOT), share);
			}
			catch (RuntimeException e) {
				throw new IllegalArgumentException(
						"marketbatch.sim.no-trade: expected SYMBOL:share with 0 <= share < 1, "
								+ "e.g. CAMS:0.2,CYIENT:0.15; got '" + entry.strip() + "'");
			}
		}
		List<ExtraSession> sessions = new ArrayList<>();
		for (String entry : extraSessions) {
			try {
				String[] parts = entry.strip().split("/");
				LocalDateTime opens = LocalDateTime.parse(parts[0]);
				LocalTime closes = LocalTime.parse(parts[1]);
				if (!closes.isAfter(opens.toLocalTime())) {
					throw new IllegalArgumentException();
				}
				sessions.add(new ExtraSession(opens.toLocalDate(), opens.toLocalTime(), closes));
			}
			catch (DateTimeParseException | ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
				throw new IllegalArgumentException("marketbatch.sim.extra-sessions: expected yyyy-MM-ddTHH:mm/HH:mm "
						+ "(IST, open/close), e.g. 2026-11-08T18:00/19:00; got '" + entry.strip() + "'");
			}
		}
		return new SimTrading(shares, intradayLag, provisionalFor, sessions);
	}

	/** Whether {@code symbol} had no trade in {@code minute} (same answer every time). */
	boolean noTrade(String symbol, long seed, Instant minute) {
		double share = noTrade.getOrDefault(symbol, 0.0);
		return share > 0 && SimMarket.unit(seed ^ 0x7E57AB1EL, minute.getEpochSecond() / 60) < share;
	}

	/** Whether the candle of {@code minute} is served at {@code now}. */
	boolean served(Instant minute, Instant now) {
		return !minute.plusSeconds(60).plus(intradayLag).isAfter(now);
	}

	/**
	 * Whether the candle of {@code minute}, served at {@code now}, still shows
	 * provisional values.
	 */
	boolean provisional(Instant minute, Instant now) {
		return now.isBefore(minute.plusSeconds(60).plus(intradayLag).plus(provisionalFor));
	}

	/** The extra session of {@code day}, as instants. */
	Optional<Instant[]> extraSession(LocalDate day) {
		return extraSessions.stream()
			.filter(s -> s.day().equals(day))
			.findFirst()
			.map(s -> new Instant[] { day.atTime(s.opens()).atZone(TradingCalendar.IST).toInstant(),
					day.atTime(s.closes()).atZone(TradingCalendar.IST).toInstant() });
	}

}
