package io.marketbatch.market;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * One exchange's trading calendar: weekdays open in the regular session of that date
 * (regular hours change on effective dates, e.g. NFO closes 15:40 from 2026-08-03, MCX
 * 23:30 or 23:55 with US daylight saving), weekends closed, and the dated exceptions of
 * {@code trading_day} (holidays, special sessions, partial days) on top. Immutable; the
 * jobs build a fresh one from the tables at every run so an operator's edit applies at
 * once.
 */
public final class TradingCalendar {

	public static final ZoneId IST = ZoneId.of("Asia/Kolkata");

	/**
	 * The session of {@code always-open} mode, for demos and tests: every day,
	 * 00:00-23:59.
	 */
	public static final Session ALL_DAY = new Session(LocalTime.MIDNIGHT, LocalTime.of(23, 59));

	private final String exchange;

	private final ZoneId zone;

	private final NavigableMap<LocalDate, Session> regular;

	private final Map<LocalDate, CalendarException> exceptions;

	private final boolean alwaysOpen;

	private TradingCalendar(String exchange, ZoneId zone, List<RegularHours> regular,
			Collection<CalendarException> exceptions, boolean alwaysOpen) {
		if (regular.isEmpty()) {
			throw new IllegalArgumentException("no regular hours for exchange " + exchange);
		}
		this.exchange = exchange;
		this.zone = zone;
		TreeMap<LocalDate, Session> hours = new TreeMap<>();
		regular.forEach(h -> hours.put(h.effectiveFrom(), h.session()));
		this.regular = Collections.unmodifiableNavigableMap(hours);
		this.exceptions = exceptions.stream()
			.collect(Collectors.toUnmodifiableMap(CalendarException::date, Function.identity()));
		this.alwaysOpen = alwaysOpen;
	}

	public static TradingCalendar nse(Collection<CalendarException> exceptions) {
		return of("NSE", IST, List.of(RegularHours.always(Session.NSE_NORMAL)), exceptions);
	}

	/**
	 * @param regular the regular hours by effective date; a date before the first one
	 * takes the first
	 */
	public static TradingCalendar of(String exchange, ZoneId zone, List<RegularHours> regular,
			Collection<CalendarException> exceptions) {
		return new TradingCalendar(exchange, zone, regular, exceptions, false);
	}

	/** Every day a trading day with one 00:00-23:59 session. */
	public static TradingCalendar alwaysOpen(String exchange) {
		return new TradingCalendar(exchange, IST, List.of(RegularHours.always(ALL_DAY)), List.of(), true);
	}

	public String exchange() {
		return exchange;
	}

	public ZoneId zone() {
		return zone;
	}

	/** The regular weekday session in force on {@code date}. */
	public Session regularSession(LocalDate date) {
		Map.Entry<LocalDate, Session> entry = regular.floorEntry(date);
		return (entry != null ? entry : regular.firstEntry()).getValue();
	}

	/**
	 * Where the intraday bars of {@code date} are anchored: the regular open of that
	 * date, also on a day whose session starts later (an evening-only MCX day, a Muhurat
	 * hour), so its buckets stay on the exchange's grid.
	 */
	public Instant barAnchor(LocalDate date) {
		return date.atTime(regularSession(date).opens()).atZone(zone).toInstant();
	}

	public TradingDay day(LocalDate date) {
		if (alwaysOpen) {
			return TradingDay.open(date, ALL_DAY, "always-open mode");
		}
		CalendarException exception = exceptions.get(date);
		if (exception != null) {
			return switch (exception.kind()) {
				case HOLIDAY -> TradingDay.closed(date, exception.description());
				case SPECIAL ->
					TradingDay.open(date, new Session(exception.opens(), exception.closes()), exception.description());
				// a segment trades the part of the day's hours inside its own regular
				// hours
				case PARTIAL -> new Session(exception.opens(), exception.closes()).clippedTo(regularSession(date))
					.map(session -> TradingDay.open(date, session, exception.description()))
					.orElseGet(() -> TradingDay.closed(date,
							exception.description() + " (no session in " + regularSession(date) + " that day)"));
			};
		}
		DayOfWeek dow = date.getDayOfWeek();
		if (dow == DayOfWeek.SATURDAY || dow == DayOfWeek.SUNDAY) {
			return TradingDay.closed(date, "weekend (" + dow.getDisplayName(TextStyle.FULL, Locale.ENGLISH) + ")");
		}
		return TradingDay.open(date, regularSession(date), null);
	}

	public boolean isTradingDay(LocalDate date) {
		return day(date).isOpen();
	}

	/**
	 * Why the minute starting at {@code minute} is outside every session; empty when it
	 * is inside one.
	 */
	public Optional<String> closedReason(Instant minute) {
		ZonedDateTime local = minute.atZone(zone);
		TradingDay day = day(local.toLocalDate());
		if (!day.isOpen()) {
			return Optional.of(day.closedReason());
		}
		if (!day.session().contains(local.toLocalTime())) {
			return Optional.of("outside market hours (" + local.toLocalTime() + " is not in the " + day.session()
					+ " session of " + day.date() + ")");
		}
		return Optional.empty();
	}

	public boolean isOpen(Instant minute) {
		return closedReason(minute).isEmpty();
	}

	/** The start instants of every 1-minute candle the day should have, oldest first. */
	public List<Instant> expectedMinutes(LocalDate date) {
		TradingDay day = day(date);
		if (!day.isOpen()) {
			return List.of();
		}
		List<Instant> minutes = new ArrayList<>(day.session().minutes());
		LocalDateTime t = date.atTime(day.session().opens());
		LocalDateTime end = date.atTime(day.session().closes());
		for (; t.isBefore(end); t = t.plusMinutes(1)) {
			minutes.add(t.atZone(zone).toInstant());
		}
		return minutes;
	}

	public int expectedMinuteCount(LocalDate date) {
		TradingDay day = day(date);
		return day.isOpen() ? day.session().minutes() : 0;
	}

	/** Trading days in [from, to], oldest first. */
	public List<LocalDate> tradingDays(LocalDate from, LocalDate to) {
		return from.datesUntil(to.plusDays(1)).filter(this::isTradingDay).toList();
	}

	public Instant sessionOpen(LocalDate date) {
		return date.atTime(day(date).session().opens()).atZone(zone).toInstant();
	}

	public Instant sessionClose(LocalDate date) {
		return date.atTime(day(date).session().closes()).atZone(zone).toInstant();
	}

	/** The newest trading day whose session has ended at {@code now}. */
	public LocalDate lastCompletedTradingDay(Instant now) {
		LocalDate date = now.atZone(zone).toLocalDate();
		for (int i = 0; i < 3660; i++, date = date.minusDays(1)) {
			TradingDay day = day(date);
			if (day.isOpen() && !sessionClose(date).isAfter(now)) {
				return date;
			}
		}
		throw new IllegalStateException("no trading day in the ten years before " + now);
	}

	public LocalDate today(Instant now) {
		return now.atZone(zone).toLocalDate();
	}

}
