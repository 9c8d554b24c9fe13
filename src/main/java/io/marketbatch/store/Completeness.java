package io.marketbatch.store;

import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
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

	private final CandleCoverage coverage;

	private final Clock clock;

	private final CoveragePolicy policy;

	public Completeness(JdbcClient jdbc, Supplier<TradingCalendar> calendar, CandleCoverage coverage, Clock clock,
			CoveragePolicy policy) {
		this.jdbc = jdbc;
		this.calendar = calendar;
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

	/** Every expected minute of {@code date} per instrument, in the given order. */
	public DayReport day(LocalDate date, List<Instrument> instruments) {
		TradingCalendar cal = calendar.get();
		TradingDay day = cal.day(date);
		List<Instant> expected = settledMinutes(cal, date);
		List<Long> ids = instruments.stream().map(Instrument::id).toList();
		Map<Long, Set<Instant>> present = expected.isEmpty() ? Map.of()
				: storedMinutes(ids, expected.get(0), expected.get(expected.size() - 1).plusSeconds(60));
		Map<Long, Map<LocalDate, CandleCoverage.Row>> answered = expected.isEmpty() ? Map.of()
				: coverage.rows(ids, date, date);
		List<InstrumentDay> rows = new ArrayList<>();
		for (Instrument instrument : instruments) {
			CandleCoverage.Row row = answered.getOrDefault(instrument.id(), Map.of()).get(date);
			rows.add(report(instrument.symbol(), date, expected, present.getOrDefault(instrument.id(), Set.of()), row,
					cal.zone()));
		}
		return new DayReport(date, day.closedReason(), rows);
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
		for (LocalDate day : incompleteDays(instrument.id(), from, to)) {
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
		Set<Instant> noTrade = row.map(r -> answeredNoTrade(r, cal.zone())).orElse(Set.of());
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

	/** The no-trade minutes of an answer that lie before what it answered. */
	private static Set<Instant> answeredNoTrade(CandleCoverage.Row row, ZoneId zone) {
		Set<Instant> minutes = new HashSet<>(row.coverage(zone).noTrade());
		minutes.removeIf(m -> m.plusSeconds(60).isAfter(row.answeredThrough()));
		return minutes;
	}

	private InstrumentDay report(String symbol, LocalDate date, List<Instant> expected, Set<Instant> have,
			CandleCoverage.@Nullable Row row, ZoneId zone) {
		boolean unavailable = unavailable(date) || (row != null && row.unavailable());
		Set<Instant> noTrade = row == null ? Set.of() : answeredNoTrade(row, zone);
		List<MissingRange> missing = new ArrayList<>();
		int present = 0;
		int noTrades = 0;
		int unavailables = 0;
		Instant runStart = null;
		Instant previous = null;
		for (Instant minute : expected) {
			boolean isMissing = false;
			if (have.contains(minute)) {
				present++;
			}
			else if (unavailable) {
				unavailables++;
			}
			else if (noTrade.contains(minute)) {
				noTrades++;
			}
			else {
				isMissing = true;
			}
			if (isMissing) {
				runStart = runStart == null ? minute : runStart;
				previous = minute;
			}
			else if (runStart != null && previous != null) {
				missing.add(range(runStart, previous, zone));
				runStart = null;
			}
		}
		if (runStart != null && previous != null) {
			missing.add(range(runStart, previous, zone));
		}
		int counted = expected.size() - unavailables;
		BigDecimal percent = counted == 0 ? BigDecimal.valueOf(100).setScale(2)
				: BigDecimal.valueOf((present + noTrades) * 100L)
					.divide(BigDecimal.valueOf(counted), 2, RoundingMode.HALF_UP);
		int missingCount = expected.size() - present - noTrades - unavailables;
		return new InstrumentDay(symbol, date, expected.size(), present, noTrades, missingCount, unavailables, percent,
				List.copyOf(missing));
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
