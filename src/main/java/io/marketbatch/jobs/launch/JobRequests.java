package io.marketbatch.jobs.launch;

import io.marketbatch.jobs.JobNames;

import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.InstrumentDirectory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/**
 * Turns a launch request (job name and {@code name=value} strings, from the command line,
 * a preset, the scheduler or the API) into the job's identifying parameters: checks every
 * value, fills the defaults in so the business key is explicit, and says exactly what is
 * wrong otherwise. Nothing is launched here.
 */
public class JobRequests {

	public static final String BUSINESS_DATE = "businessDate";

	public static final String MINUTE = "minute";

	public static final String RUN_AT = "runAt";

	public static final String FROM = "from";

	public static final String TO = "to";

	public static final String UNIVERSE = "universe";

	public static final String SYMBOLS = "symbols";

	/**
	 * Added by an explicit re-run so a COMPLETED instance runs again as a new instance.
	 */
	public static final String RERUN = "rerun";

	private static final DateTimeFormatter MINUTE_FORMAT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm");

	private static final Map<String, List<String>> PARAMETERS = Map.of(JobNames.INSTRUMENT_SYNC, List.of(BUSINESS_DATE),
			JobNames.LTP_SNAPSHOT, List.of(MINUTE, UNIVERSE, SYMBOLS), JobNames.GAP_FILL,
			List.of(RUN_AT, UNIVERSE, SYMBOLS), JobNames.DAILY_BACKFILL, List.of(BUSINESS_DATE, UNIVERSE, SYMBOLS),
			JobNames.EOD_AGGREGATION, List.of(BUSINESS_DATE, UNIVERSE, SYMBOLS), JobNames.HISTORY_BACKFILL,
			List.of(FROM, TO, UNIVERSE, SYMBOLS));

	/** Longest history a single backfill may ask for. */
	private static final int MAX_BACKFILL_DAYS = 3660;

	private final Clock clock;

	private final CalendarRepository calendars;

	private final InstrumentDirectory directory;

	private final String defaultUniverse;

	public JobRequests(Clock clock, CalendarRepository calendars, InstrumentDirectory directory,
			String defaultUniverse) {
		this.clock = clock;
		this.calendars = calendars;
		this.directory = directory;
		this.defaultUniverse = defaultUniverse;
	}

	/** The parameter names a job takes, in the order a user would give them. */
	public static List<String> parametersOf(String job) {
		List<String> names = PARAMETERS.get(job);
		if (names == null) {
			throw unknownJob(job);
		}
		return names;
	}

	public static BadJobRequestException unknownJob(String job) {
		return new BadJobRequestException("unknown job '" + job + "': the jobs are " + String.join(", ", JobNames.ALL));
	}

	/**
	 * @param raw the request's {@code name=value} pairs, unparsed
	 * @param rerun launch a new instance even if one with these parameters COMPLETED
	 */
	public JobParameters parameters(String job, Map<String, String> raw, boolean rerun) {
		List<String> accepted = parametersOf(job);
		for (String name : raw.keySet()) {
			if (!accepted.contains(name)) {
				throw new BadJobRequestException("unknown parameter '" + name + "' for " + job + ": it takes "
						+ String.join(", ", accepted.stream().map(n -> n + "=").toList()));
			}
		}
		Instant now = clock.instant();
		TradingCalendar calendar = calendars.load();
		LocalDate today = calendar.today(now);
		JobParametersBuilder params = new JobParametersBuilder();
		switch (job) {
			case JobNames.INSTRUMENT_SYNC ->
				params.addLocalDate(BUSINESS_DATE, notAfter(BUSINESS_DATE, date(raw, BUSINESS_DATE, today), today));
			case JobNames.LTP_SNAPSHOT -> {
				LocalDateTime current = LocalDateTime.ofInstant(now, calendar.zone()).truncatedTo(ChronoUnit.MINUTES);
				LocalDateTime minute = minute(raw, MINUTE, current);
				if (minute.isAfter(current)) {
					throw new BadJobRequestException("parameter 'minute' (" + MINUTE_FORMAT.format(minute)
							+ ") is in the future; the latest minute is " + MINUTE_FORMAT.format(current) + " IST");
				}
				params.addLocalDateTime(MINUTE, minute);
			}
			case JobNames.GAP_FILL -> {
				LocalDateTime current = LocalDateTime.ofInstant(now, calendar.zone()).truncatedTo(ChronoUnit.MINUTES);
				LocalDateTime slot = current.minusMinutes(current.getMinute() % 5);
				LocalDateTime runAt = minute(raw, RUN_AT, slot);
				if (runAt.getMinute() % 5 != 0) {
					throw new BadJobRequestException("parameter 'runAt' (" + MINUTE_FORMAT.format(runAt)
							+ ") must be a 5-minute slot such as " + MINUTE_FORMAT.format(slot));
				}
				if (runAt.isAfter(current)) {
					throw new BadJobRequestException("parameter 'runAt' (" + MINUTE_FORMAT.format(runAt)
							+ ") is in the future; the latest slot is " + MINUTE_FORMAT.format(slot) + " IST");
				}
				params.addLocalDateTime(RUN_AT, runAt);
			}
			case JobNames.DAILY_BACKFILL, JobNames.EOD_AGGREGATION -> params.addLocalDate(BUSINESS_DATE,
					notAfter(BUSINESS_DATE, date(raw, BUSINESS_DATE, calendar.lastCompletedTradingDay(now)), today));
			case JobNames.HISTORY_BACKFILL -> {
				LocalDate to = notAfter(TO, date(raw, TO, calendar.lastCompletedTradingDay(now)), today);
				LocalDate from = date(raw, FROM, to.minusMonths(2).plusDays(1));
				if (from.isAfter(to)) {
					throw new BadJobRequestException(
							"parameter 'from' (" + from + ") must not be after 'to' (" + to + ")");
				}
				if (ChronoUnit.DAYS.between(from, to) >= MAX_BACKFILL_DAYS) {
					throw new BadJobRequestException("parameters 'from'..'to' span more than " + MAX_BACKFILL_DAYS
							+ " days; split the backfill");
				}
				params.addLocalDate(FROM, from).addLocalDate(TO, to);
			}
			default -> throw unknownJob(job);
		}
		if (accepted.contains(UNIVERSE)) {
			selection(raw, params);
		}
		if (rerun) {
			params.addLong(RERUN, now.toEpochMilli());
		}
		return params.toJobParameters();
	}

	private void selection(Map<String, String> raw, JobParametersBuilder params) {
		String universe = raw.get(UNIVERSE);
		String symbols = raw.get(SYMBOLS);
		if (universe != null && symbols != null) {
			throw new BadJobRequestException("give either 'universe' or 'symbols', not both");
		}
		if (symbols != null) {
			List<String> list = symbols(symbols);
			List<String> unknown = directory.unknownSymbols(list);
			if (!unknown.isEmpty()) {
				throw new BadJobRequestException("parameter 'symbols': unknown symbol(s) " + String.join(", ", unknown)
						+ " (run instrumentSync first if they are new listings)");
			}
			params.addString(SYMBOLS, String.join(",", list));
			return;
		}
		String name = universe == null ? defaultUniverse : universe.strip().toUpperCase(Locale.ROOT);
		if (name.isEmpty() || !directory.universeExists(name)) {
			throw new BadJobRequestException("parameter 'universe': no universe named '" + name + "'; known: "
					+ String.join(", ", directory.universeNames()));
		}
		params.addString(UNIVERSE, name);
	}

	public static List<String> symbols(String value) {
		List<String> list = new ArrayList<>(new LinkedHashSet<>(Arrays.stream(value.split(","))
			.map(s -> s.strip().toUpperCase(Locale.ROOT))
			.filter(s -> !s.isEmpty())
			.toList()));
		if (list.isEmpty()) {
			throw new BadJobRequestException(
					"parameter 'symbols': expected a comma-separated list of symbols such as RELIANCE,TCS,M&M");
		}
		return list;
	}

	private static LocalDate date(Map<String, String> raw, String name, LocalDate fallback) {
		String value = raw.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw new BadJobRequestException("parameter '" + name + "': expected a date as yyyy-MM-dd (e.g. " + fallback
					+ "), got '" + value + "'");
		}
	}

	private static LocalDateTime minute(Map<String, String> raw, String name, LocalDateTime fallback) {
		String value = raw.get(name);
		if (value == null) {
			return fallback;
		}
		try {
			return LocalDateTime.parse(value.strip(), MINUTE_FORMAT);
		}
		catch (DateTimeParseException e) {
			throw new BadJobRequestException(
					"parameter '" + name + "': expected a minute as yyyy-MM-ddTHH:mm in IST (e.g. "
							+ MINUTE_FORMAT.format(fallback) + "), got '" + value + "'");
		}
	}

	private static LocalDate notAfter(String name, LocalDate date, LocalDate today) {
		if (date.isAfter(today)) {
			throw new BadJobRequestException(
					"parameter '" + name + "' (" + date + ") is in the future; today is " + today + " (IST)");
		}
		return date;
	}

	/** Parses {@code name=value} arguments; a malformed one is a bad request. */
	public static Map<String, String> parseAssignments(List<String> args) {
		Map<String, String> raw = new LinkedHashMap<>();
		for (String arg : args) {
			int eq = arg.indexOf('=');
			if (eq <= 0) {
				throw new BadJobRequestException("expected a parameter as name=value, got '" + arg + "'");
			}
			raw.put(arg.substring(0, eq).strip(), arg.substring(eq + 1));
		}
		return raw;
	}

}
