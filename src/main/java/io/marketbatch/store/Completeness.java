package io.marketbatch.store;

import io.marketbatch.market.ExchangeCalendars;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.RowCallbackHandler;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one place that decides what each expected minute of an instrument's day is:
 * <b>present</b> (a candle is stored), <b>no trade</b> (the broker answered for it
 * without a candle, see {@link CandleCoverage}), <b>missing</b> (not answered yet, or its
 * candle is no longer stored) or <b>unavailable</b> (before the broker's history depth).
 * Expected minutes are the calendar's session minutes that have finished and settled
 * ({@link CoveragePolicy#settleLag}). The backfills, the gap fill, the reports and the
 * health gauge all ask here; the calendar is loaded at every call so an edit applies at
 * once.
 */
public class Completeness {

	private static final int IDS_PER_QUERY = 500;

	private final JdbcClient jdbc;

	private final Supplier<TradingCalendar> calendar;

	private final ExchangeCalendars calendars;

	private final CandleCoverage coverage;

	private final Clock clock;

	private final CoveragePolicy policy;

	public Completeness(JdbcClient jdbc, Supplier<TradingCalendar> calendar, CandleCoverage coverage, Clock clock,
			CoveragePolicy policy) {
		this(jdbc, calendar, exchange -> calendar.get(), coverage, clock, policy);
	}

	/**
	 * @param calendar the configured exchange's calendar
	 * @param calendars every exchange's: an instrument is measured against its own
	 */
	public Completeness(JdbcClient jdbc, Supplier<TradingCalendar> calendar, ExchangeCalendars calendars,
			CandleCoverage coverage, Clock clock, CoveragePolicy policy) {
		this.jdbc = jdbc;
		this.calendar = calendar;
		this.calendars = calendars;
		this.coverage = coverage;
		this.clock = clock;
		this.policy = policy;
	}

	/**
	 * A run of missing minutes, first and last minute inclusive, at the exchange's offset
	 * (e.g. {@code 2026-10-29T10:00+05:30}).
	 */
	public record MissingRange(OffsetDateTime from, OffsetDateTime to, int minutes) {
	}

	/**
	 * One instrument on one day. {@code percent} = (present + no trade) / (expected -
	 * unavailable) × 100; {@code missing} lists the unanswered runs only.
	 */
	public record InstrumentDay(String symbol, LocalDate date, int expectedMinutes, int presentMinutes,
			int noTradeMinutes, int missingMinutes, int unavailableMinutes, BigDecimal percent,
			List<MissingRange> missing) {
	}

	/**
	 * One day for a list of instruments; {@code closedReason} is set (and nothing is
	 * expected) when the market is closed.
	 */
	public record DayReport(LocalDate date, @Nullable String closedReason, List<InstrumentDay> instruments) {
	}

	/**
	 * Every expected minute of {@code date} per instrument, in the given order, each
	 * instrument by its own exchange's calendar (a universe may mix exchanges).
	 */
	public DayReport day(LocalDate date, List<Instrument> instruments) {
		Map<String, TradingCalendar> byExchange = new HashMap<>();
		TradingCalendar first = instruments.isEmpty() ? calendar.get() : calendarOf(instruments.get(0), byExchange);
		Map<Long, InstrumentDay> rows = new HashMap<>();
		String closedReason = first.day(date).closedReason();
		for (Map.Entry<String, List<Instrument>> group : instruments.stream()
			.collect(java.util.stream.Collectors.groupingBy(Instrument::exchange))
			.entrySet()) {
			TradingCalendar cal = calendarOf(group.getValue().get(0), byExchange);
			closedReason = cal.day(date).isOpen() ? null : closedReason;
			List<Instant> expected = settledMinutes(cal, date);
			List<Long> ids = group.getValue().stream().map(Instrument::id).toList();
			Map<Long, Set<Instant>> present = expected.isEmpty() ? Map.of()
					: storedMinutes(ids, expected.get(0), expected.get(expected.size() - 1).plusSeconds(60));
			Map<Long, Map<LocalDate, CandleCoverage.Row>> answered = expected.isEmpty() ? Map.of()
					: coverage.rows(ids, date, date);
			for (Instrument instrument : group.getValue()) {
				CandleCoverage.Row row = answered.getOrDefault(instrument.id(), Map.of()).get(date);
				rows.put(instrument.id(), MinuteTally.report(instrument.symbol(), date, expected,
						present.getOrDefault(instrument.id(), Set.of()), row, unavailable(date), cal.zone()));
			}
		}
		return new DayReport(date, closedReason, instruments.stream().map(i -> rows.get(i.id())).toList());
	}

	/** The calendar of the instrument's exchange, loaded once per exchange and call. */
	private TradingCalendar calendarOf(Instrument instrument, Map<String, TradingCalendar> loaded) {
		return loaded.computeIfAbsent(instrument.exchange(), exchange -> {
			TradingCalendar configured = calendar.get();
			return configured.exchange().equals(exchange) ? configured : calendars.of(exchange);
		});
	}

	/**
	 * The trading days of [from, to] that are not fully accounted for (a minute neither
	 * present, nor answered as no-trade, nor unavailable), oldest first; a day whose
	 * session has not closed is left to the gap fill. Two queries: the stored coverage
	 * and the stored candles per day.
	 */
	public List<LocalDate> incompleteDays(TradingCalendar cal, long instrumentId, LocalDate from, LocalDate to) {
		Instant now = clock.instant();
		List<LocalDate> days = cal.tradingDays(from, to)
			.stream()
			.filter(day -> !cal.sessionClose(day).isAfter(now))
			.filter(day -> !unavailable(day))
			.toList();
		if (days.isEmpty()) {
			return days;
		}
		Map<LocalDate, CandleCoverage.Row> answered = coverage.rows(List.of(instrumentId), from, to)
			.getOrDefault(instrumentId, Map.of());
		Map<LocalDate, Integer> stored = minuteCountsByDay(instrumentId, from, to, cal.zone());
		return days.stream().filter(day -> {
			CandleCoverage.Row row = answered.get(day);
			if (row != null && row.unavailable()) {
				return false;
			}
			int accounted = stored.getOrDefault(day, 0) + (answeredWholeDay(cal, day, row) ? row.noTradeMinutes() : 0);
			return accounted < cal.expectedMinuteCount(day);
		}).toList();
	}

	/**
	 * {@link #incompleteDays(TradingCalendar, long, LocalDate, LocalDate)} by the current
	 * calendar.
	 */
	public List<LocalDate> incompleteDays(long instrumentId, LocalDate from, LocalDate to) {
		return incompleteDays(calendar.get(), instrumentId, from, to);
	}

	/**
	 * The incomplete days of [from, to] for one instrument, each with its missing runs.
	 */
	public List<InstrumentDay> incompleteDayReports(Instrument instrument, LocalDate from, LocalDate to) {
		List<InstrumentDay> holes = new ArrayList<>();
		for (LocalDate day : incompleteDays(calendarOf(instrument, new HashMap<>()), instrument.id(), from, to)) {
			InstrumentDay report = day(day, List.of(instrument)).instruments().get(0);
			if (report.missingMinutes() > 0) {
				holes.add(report);
			}
		}
		return holes;
	}

	/**
	 * The settled expected minutes of {@code day} that ended by {@code until} and are
	 * missing (neither stored nor answered as no-trade), oldest first: what a gap fill
	 * still has to ask for.
	 */
	public List<Instant> missingMinutes(TradingCalendar cal, long instrumentId, LocalDate day, Instant until) {
		if (unavailable(day)) {
			return List.of();
		}
		Instant settledBy = until.minus(policy.settleLag());
		List<Instant> finished = settledMinutes(cal, day).stream()
			.filter(minute -> !minute.plusSeconds(60).isAfter(settledBy))
			.toList();
		if (finished.isEmpty()) {
			return List.of();
		}
		Set<Instant> stored = storedMinutes(List.of(instrumentId), finished.get(0),
				finished.get(finished.size() - 1).plusSeconds(60))
			.getOrDefault(instrumentId, Set.of());
		Optional<CandleCoverage.Row> row = Optional
			.ofNullable(coverage.rows(List.of(instrumentId), day, day).getOrDefault(instrumentId, Map.of()).get(day));
		Set<Instant> noTrade = row.map(r -> MinuteTally.answeredNoTrade(r, cal.zone())).orElse(Set.of());
		return finished.stream().filter(minute -> !stored.contains(minute) && !noTrade.contains(minute)).toList();
	}

	/** The missing minutes by the current calendar. */
	public List<Instant> missingMinutes(long instrumentId, LocalDate day, Instant until) {
		return missingMinutes(calendar.get(), instrumentId, day, until);
	}

	/** The session minutes of {@code date} that have finished and settled by now. */
	private List<Instant> settledMinutes(TradingCalendar cal, LocalDate date) {
		Instant settledBy = clock.instant().minus(policy.settleLag());
		return cal.expectedMinutes(date).stream().filter(m -> !m.plusSeconds(60).isAfter(settledBy)).toList();
	}

	private boolean unavailable(LocalDate day) {
		return policy.historyStart()
			.apply(LocalDate.now(clock.withZone(TradingCalendar.IST)))
			.filter(day::isBefore)
			.isPresent();
	}

	private static boolean answeredWholeDay(TradingCalendar cal, LocalDate day, CandleCoverage.@Nullable Row row) {
		return row != null && !row.answeredThrough().isBefore(cal.sessionClose(day));
	}

	/** Start instants of the stored 1-minute candles in [from, to), per instrument. */
	private Map<Long, Set<Instant>> storedMinutes(List<Long> ids, Instant from, Instant to) {
		Map<Long, Set<Instant>> stored = new HashMap<>();
		for (int i = 0; i < ids.size(); i += IDS_PER_QUERY) {
			jdbc.sql("SELECT instrument_id, ts FROM candle WHERE timeframe = '1m' AND ts >= :from AND ts < :to "
					+ "AND instrument_id IN (:ids)")
				.param("from", utc(from))
				.param("to", utc(to))
				.param("ids", ids.subList(i, Math.min(ids.size(), i + IDS_PER_QUERY)))
				.query(rs -> {
					stored.computeIfAbsent(rs.getLong(1), k -> new HashSet<>())
						.add(rs.getObject(2, OffsetDateTime.class).toInstant());
				});
		}
		return stored;
	}

	/**
	 * Stored 1-minute candles per local day in [from, to]: whole days since {@code from}
	 * began (IST has no DST); an interval's day is cheaper per row than epoch math.
	 */
	private Map<LocalDate, Integer> minuteCountsByDay(long instrumentId, LocalDate from, LocalDate to, ZoneId zone) {
		Instant start = from.atStartOfDay(zone).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
		String day = "EXTRACT(DAY FROM ts - TIMESTAMP WITH TIME ZONE '" + start.atOffset(ZoneOffset.UTC)
			.format(java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ssxxx")) + "')";
		Map<LocalDate, Integer> counts = new HashMap<>();
		jdbc.sql("SELECT " + day + ", COUNT(*) FROM candle WHERE instrument_id = :id AND timeframe = '1m' "
				+ "AND ts >= :start AND ts < :end GROUP BY " + day)
			.param("start", utc(start))
			.param("end", utc(end))
			.param("id", instrumentId)
			.query((RowCallbackHandler) rs -> counts.put(from.plusDays(rs.getLong(1)), rs.getInt(2)));
		return counts;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
