package io.marketbatch.jobs;

import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarMismatches;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when the broker traded at times the calendar calls closed: such candles are not
 * written, and each such day is recorded once (table {@code calendar_mismatch}, one WARN
 * line, the {@code calendar} health detail) with the hours seen and the command that
 * fixes the calendar.
 */
public class CalendarDrift {

	private static final Logger log = LoggerFactory.getLogger(CalendarDrift.class);

	private final CalendarMismatches mismatches;

	private final Clock clock;

	public CalendarDrift(CalendarMismatches mismatches, Clock clock) {
		this.mismatches = mismatches;
		this.clock = clock;
	}

	/**
	 * Records the days of {@code offCalendar}, candles the calendar says cannot exist.
	 */
	public void seen(Instrument instrument, List<Candle> offCalendar, TradingCalendar calendar) {
		Map<LocalDate, List<Candle>> byDay = offCalendar.stream()
			.collect(Collectors.groupingBy(c -> c.ts().atZone(calendar.zone()).toLocalDate(), TreeMap::new,
					Collectors.toList()));
		byDay.forEach((day, candles) -> {
			Instant first = candles.stream().map(Candle::ts).min(Instant::compareTo).orElseThrow();
			Instant last = candles.stream().map(Candle::ts).max(Instant::compareTo).orElseThrow();
			CalendarMismatches.Mismatch mismatch = new CalendarMismatches.Mismatch(calendar.exchange(), day, first,
					last, candles.size(), instrument.symbol(), clock.instant());
			if (mismatches.record(mismatch)) {
				log.warn("calendar mismatch: {} traded {} on {} ({}), which the {} calendar calls closed ({}); "
						+ "those candles were not written. If the session is real, add it and backfill the day: "
						+ "{} then historyBackfill from={} to={}", instrument.symbol(), hours(mismatch, calendar), day,
						day.getDayOfWeek(), calendar.exchange(),
						calendar.closedReason(first).orElse("outside its session"), fixCommand(mismatch, calendar), day,
						day);
			}
		});
	}

	/** The session hours seen, e.g. {@code 18:00-19:00}. */
	public static String hours(CalendarMismatches.Mismatch mismatch, TradingCalendar calendar) {
		return time(mismatch.firstMinute(), calendar) + "-" + time(mismatch.lastMinute().plusSeconds(60), calendar);
	}

	/**
	 * The command that writes the missing session, e.g. {@code calendar add-session ...}.
	 */
	public static String fixCommand(CalendarMismatches.Mismatch mismatch, TradingCalendar calendar) {
		return "java -jar market-batch.jar calendar add-session " + mismatch.day() + " "
				+ time(mismatch.firstMinute(), calendar) + " " + time(mismatch.lastMinute().plusSeconds(60), calendar)
				+ " \"Special session\"";
	}

	private static String time(Instant instant, TradingCalendar calendar) {
		return instant.atZone(calendar.zone()).toLocalTime().toString().substring(0, 5);
	}

}
