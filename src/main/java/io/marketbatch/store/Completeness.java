package io.marketbatch.store;

import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
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
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The one place that decides which 1-minute candles of a day are expected (the trading
 * calendar's session minutes), present (stored in {@code candle}) and missing, for the
 * operator's reports, the backfill's work list and the gap fill alike. The calendar is
 * loaded at every call so an operator's edit applies at once.
 */
public class Completeness {

	/**
	 * Instruments per {@code IN} list, so a large universe does not build one huge
	 * statement.
	 */
	private static final int IDS_PER_QUERY = 500;

	private final JdbcClient jdbc;

	private final Supplier<TradingCalendar> calendar;

	public Completeness(JdbcClient jdbc, Supplier<TradingCalendar> calendar) {
		this.jdbc = jdbc;
		this.calendar = calendar;
	}

	/**
	 * A run of missing minutes, first and last minute inclusive, at the exchange's offset
	 * (e.g. {@code 2026-10-29T10:00+05:30}).
	 */
	public record MissingRange(OffsetDateTime from, OffsetDateTime to, int minutes) {
	}

	/** One instrument on one day: expected and present minutes, and the missing runs. */
	public record InstrumentDay(String symbol, LocalDate date, int expectedMinutes, int presentMinutes,
			BigDecimal percent, List<MissingRange> missing) {
	}

	/**
	 * One day for a list of instruments; {@code closedReason} is set (and nothing is
	 * expected) when the market is closed.
	 */
	public record DayReport(LocalDate date, @Nullable String closedReason, List<InstrumentDay> instruments) {
	}

	/**
	 * Expected, present and missing minutes of {@code date} per instrument, in the given
	 * order: one query per {@value #IDS_PER_QUERY} instruments.
	 */
	public DayReport day(LocalDate date, List<Instrument> instruments) {
		TradingCalendar cal = calendar.get();
		TradingDay day = cal.day(date);
		List<Instant> expected = cal.expectedMinutes(date);
		List<InstrumentDay> rows = new ArrayList<>();
		if (expected.isEmpty() || instruments.isEmpty()) {
			instruments
				.forEach(i -> rows.add(new InstrumentDay(i.symbol(), date, 0, 0, BigDecimal.valueOf(100), List.of())));
			return new DayReport(date, day.closedReason(), rows);
		}
		Map<Long, Set<Instant>> present = storedMinutes(instruments.stream().map(Instrument::id).toList(),
				expected.get(0), expected.get(expected.size() - 1).plusSeconds(60));
		for (Instrument instrument : instruments) {
			rows.add(report(instrument.symbol(), date, expected, present.getOrDefault(instrument.id(), Set.of()),
					cal.zone()));
		}
		return new DayReport(date, null, rows);
	}

	/**
	 * The trading days of [from, to], oldest first, on which the instrument has fewer
	 * stored 1-minute candles than the calendar expects. One grouped query: candles are
	 * only ever written inside a session, so a day's count is its present minutes.
	 */
	public List<LocalDate> incompleteDays(long instrumentId, LocalDate from, LocalDate to) {
		return incompleteDays(calendar.get(), instrumentId, from, to);
	}

	/**
	 * {@link #incompleteDays(long, LocalDate, LocalDate)} by a calendar the caller holds
	 * already (a reader asks once per instrument; the calendar is one query).
	 */
	public List<LocalDate> incompleteDays(TradingCalendar cal, long instrumentId, LocalDate from, LocalDate to) {
		Map<LocalDate, Integer> stored = minuteCountsByDay(instrumentId, from, to, cal.zone());
		return cal.tradingDays(from, to)
			.stream()
			.filter(day -> stored.getOrDefault(day, 0) < cal.expectedMinuteCount(day))
			.toList();
	}

	/**
	 * The incomplete trading days of [from, to] for one instrument, each with its missing
	 * runs, oldest first.
	 */
	public List<InstrumentDay> incompleteDayReports(Instrument instrument, LocalDate from, LocalDate to) {
		List<InstrumentDay> holes = new ArrayList<>();
		for (LocalDate day : incompleteDays(instrument.id(), from, to)) {
			InstrumentDay report = day(day, List.of(instrument)).instruments().get(0);
			if (!report.missing().isEmpty()) {
				holes.add(report);
			}
		}
		return holes;
	}

	/**
	 * The expected minutes of {@code day} that have finished by {@code until} and are not
	 * stored, oldest first: what a gap fill can still fetch.
	 */
	public List<Instant> missingMinutes(long instrumentId, LocalDate day, Instant until) {
		return missingMinutes(calendar.get(), instrumentId, day, until);
	}

	/**
	 * {@link #missingMinutes(long, LocalDate, Instant)} by a calendar the caller holds.
	 */
	public List<Instant> missingMinutes(TradingCalendar cal, long instrumentId, LocalDate day, Instant until) {
		List<Instant> finished = cal.expectedMinutes(day)
			.stream()
			.filter(minute -> !minute.plusSeconds(60).isAfter(until))
			.toList();
		if (finished.isEmpty()) {
			return List.of();
		}
		Set<Instant> stored = storedMinutes(List.of(instrumentId), finished.get(0),
				finished.get(finished.size() - 1).plusSeconds(60))
			.getOrDefault(instrumentId, Set.of());
		return finished.stream().filter(minute -> !stored.contains(minute)).toList();
	}

	private static InstrumentDay report(String symbol, LocalDate date, List<Instant> expected, Set<Instant> have,
			ZoneId zone) {
		List<MissingRange> missing = new ArrayList<>();
		int presentCount = 0;
		Instant runStart = null;
		Instant previous = null;
		for (Instant minute : expected) {
			if (have.contains(minute)) {
				presentCount++;
				if (runStart != null && previous != null) {
					missing.add(range(runStart, previous, zone));
					runStart = null;
				}
			}
			else {
				runStart = runStart == null ? minute : runStart;
				previous = minute;
			}
		}
		if (runStart != null && previous != null) {
			missing.add(range(runStart, previous, zone));
		}
		BigDecimal percent = BigDecimal.valueOf(presentCount * 100L)
			.divide(BigDecimal.valueOf(expected.size()), 2, RoundingMode.HALF_UP);
		return new InstrumentDay(symbol, date, expected.size(), presentCount, percent, List.copyOf(missing));
	}

	private static MissingRange range(Instant first, Instant last, ZoneId zone) {
		return new MissingRange(first.atZone(zone).toOffsetDateTime(), last.atZone(zone).toOffsetDateTime(),
				(int) Duration.between(first, last).toMinutes() + 1);
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
	 * Stored 1-minute candles per exchange-local day in [from, to]: the day is derived
	 * from the epoch with the zone's fixed offset (IST has no daylight saving).
	 */
	private Map<LocalDate, Integer> minuteCountsByDay(long instrumentId, LocalDate from, LocalDate to, ZoneId zone) {
		Instant start = from.atStartOfDay(zone).toInstant();
		Instant end = to.plusDays(1).atStartOfDay(zone).toInstant();
		int offset = zone.getRules().getOffset(start).getTotalSeconds();
		String day = "FLOOR((EXTRACT(EPOCH FROM ts) + " + offset + ") / 86400)";
		Map<LocalDate, Integer> counts = new HashMap<>();
		jdbc.sql("SELECT " + day + ", COUNT(*) FROM candle WHERE instrument_id = ? AND timeframe = '1m' "
				+ "AND ts >= ? AND ts < ? GROUP BY " + day)
			.params(instrumentId, utc(start), utc(end))
			.query(rs -> {
				counts.put(LocalDate.ofEpochDay(rs.getLong(1)), rs.getInt(2));
			});
		return counts;
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
