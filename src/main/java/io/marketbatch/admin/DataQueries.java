package io.marketbatch.admin;

import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Timeframe;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The questions operators ask of the data: is a day complete, where are the holes, how
 * fresh is it, and the bars themselves. Shared by the REST API and the command line.
 */
public class DataQueries {

	/** LTP older than this during market hours is stale. */
	static final Duration STALE_LTP = Duration.ofMinutes(5);

	/**
	 * A settled minute still missing this long after it began is stale during market
	 * hours (gap fill runs every 5 minutes).
	 */
	static final Duration STALE_CANDLE = Duration.ofMinutes(12);

	private final JdbcClient jdbc;

	private final CalendarRepository calendars;

	private final Completeness completeness;

	private final InstrumentDirectory directory;

	private final Clock clock;

	private final String defaultUniverse;

	public DataQueries(JdbcClient jdbc, CalendarRepository calendars, Completeness completeness,
			InstrumentDirectory directory, Clock clock, String defaultUniverse) {
		this.jdbc = jdbc;
		this.calendars = calendars;
		this.completeness = completeness;
		this.directory = directory;
		this.clock = clock;
		this.defaultUniverse = defaultUniverse;
	}

	/** Instants at the exchange's offset; null where nothing is stored yet. */
	public record Freshness(String symbol, @Nullable OffsetDateTime lastLtpMinute, @Nullable Long ltpAgeSeconds,
			@Nullable OffsetDateTime lastCandle, @Nullable Long candleAgeSeconds, boolean stale) {
	}

	public record FreshnessReport(OffsetDateTime now, boolean marketOpen, int stale, List<Freshness> instruments) {
	}

	/** A bar stamped with its start at the calendar's offset (IST). */
	public record Bar(OffsetDateTime ts, BigDecimal open, BigDecimal high, BigDecimal low, BigDecimal close,
			long volume, @Nullable Long oi) {
	}

	public List<Instrument> instruments(String universe, String symbols) {
		return instruments(null, universe, symbols);
	}

	/**
	 * The instruments of a universe (of whatever exchange), or these symbols of
	 * {@code exchange} (the configured one when null).
	 */
	public List<Instrument> instruments(@Nullable String exchange, String universe, String symbols) {
		if (universe != null && symbols != null) {
			throw new BadJobRequestException("give either 'universe' or 'symbols', not both");
		}
		String market = exchange(exchange);
		if (symbols != null) {
			List<String> list = List.of(symbols.toUpperCase(Locale.ROOT).split("\\s*,\\s*"));
			List<String> unknown = directory.unknownSymbols(market, list);
			if (!unknown.isEmpty()) {
				throw new BadJobRequestException("parameter 'symbols': unknown symbol(s) " + String.join(", ", unknown)
						+ (market.equals(directory.exchange()) ? "" : " on " + market));
			}
			return directory.symbols(market, list);
		}
		String name = universe == null ? defaultUniverse : universe.toUpperCase(Locale.ROOT);
		if (!directory.universeExists(name)) {
			throw new BadJobRequestException("parameter 'universe': no universe named '" + name + "'; known: "
					+ String.join(", ", directory.universeNames()));
		}
		return directory.universe(name);
	}

	/**
	 * The exchange asked for, checked; the configured one when none is given.
	 * @throws BadJobRequestException naming the known exchanges
	 */
	public String exchange(@Nullable String exchange) {
		if (exchange == null || exchange.isBlank()) {
			return calendars.exchange();
		}
		String code = exchange.strip().toUpperCase(Locale.ROOT);
		if (!calendars.knows(code)) {
			throw new BadJobRequestException("parameter 'exchange': unknown exchange '" + code + "'; the exchanges are "
					+ String.join(", ", calendars.exchanges()));
		}
		return code;
	}

	public static LocalDate date(String name, String value) {
		if (value == null || value.isBlank()) {
			throw new BadJobRequestException("parameter '" + name + "' is required: a date as yyyy-MM-dd");
		}
		try {
			return LocalDate.parse(value.strip());
		}
		catch (DateTimeParseException e) {
			throw new BadJobRequestException(
					"parameter '" + name + "': expected a date as yyyy-MM-dd, got '" + value + "'");
		}
	}

	/**
	 * Expected (settled session) minutes, present, no-trade and missing minutes, and the
	 * missing ranges, per instrument.
	 */
	public Completeness.DayReport completeness(LocalDate date, List<Instrument> instruments) {
		return completeness.day(date, instruments);
	}

	/** Every trading day of [from, to] that misses minutes for one symbol. */
	public List<Completeness.InstrumentDay> gaps(String symbol, LocalDate from, LocalDate to) {
		return gaps(null, symbol, from, to);
	}

	/** {@link #gaps(String, LocalDate, LocalDate)} of a symbol of {@code exchange}. */
	public List<Completeness.InstrumentDay> gaps(@Nullable String exchange, String symbol, LocalDate from,
			LocalDate to) {
		if (from.isAfter(to)) {
			throw new BadJobRequestException("parameter 'from' (" + from + ") must not be after 'to' (" + to + ")");
		}
		if (ChronoUnit.DAYS.between(from, to) > 366) {
			throw new BadJobRequestException("parameters 'from'..'to' span more than a year; ask in parts");
		}
		return completeness.incompleteDayReports(instruments(exchange, null, symbol).get(0), from, to);
	}

	/**
	 * Age of the newest LTP and 1-minute candle per instrument; while the market is open
	 * an instrument is stale when its LTP lags or it misses settled minutes older than
	 * {@link #STALE_CANDLE}. Not trading is not stale: {@link Completeness} counts
	 * answered minutes without trades as no-trade. The newest rows are read from the
	 * primary keys' ends, however many years are stored.
	 */
	public FreshnessReport freshness(List<Instrument> instruments) {
		Instant now = clock.instant();
		// each instrument by its own exchange's hours (a universe may mix exchanges)
		Map<String, Boolean> openByExchange = new HashMap<>();
		Map<String, LocalDate> todayByExchange = new HashMap<>();
		for (Instrument instrument : instruments) {
			openByExchange.computeIfAbsent(instrument.exchange(), exchange -> {
				TradingCalendar calendar = calendars.load(exchange);
				todayByExchange.put(exchange, calendar.today(now));
				return calendar.isOpen(now.truncatedTo(ChronoUnit.MINUTES));
			});
		}
		boolean open = instruments.isEmpty() ? calendars.load().isOpen(now.truncatedTo(ChronoUnit.MINUTES))
				: openByExchange.containsValue(true);
		List<Long> ids = instruments.stream().map(Instrument::id).toList();
		Map<Long, Instant> ltp = latest("SELECT MAX(x.minute) FROM ltp_snapshot x WHERE x.instrument_id = i.id", ids);
		Map<Long, Instant> candle = latest(
				"SELECT MAX(x.ts) FROM candle x WHERE x.instrument_id = i.id AND x.timeframe = '1m'", ids);
		Map<String, Instant> oldestMissing = new HashMap<>();
		for (Map.Entry<String, Boolean> exchange : openByExchange.entrySet()) {
			if (!exchange.getValue()) {
				continue;
			}
			List<Instrument> trading = instruments.stream()
				.filter(i -> i.exchange().equals(exchange.getKey()))
				.toList();
			for (Completeness.InstrumentDay day : completeness.day(todayByExchange.get(exchange.getKey()), trading)
				.instruments()) {
				day.missing()
					.stream()
					.findFirst()
					.ifPresent(r -> oldestMissing.put(day.symbol(), r.from().toInstant()));
			}
		}
		List<Freshness> rows = new ArrayList<>();
		int stale = 0;
		for (Instrument instrument : instruments) {
			Instant l = ltp.get(instrument.id());
			Instant c = candle.get(instrument.id());
			Long ltpAge = l == null ? null : Duration.between(l, now).toSeconds();
			Long candleAge = c == null ? null : Duration.between(c, now).toSeconds();
			Instant missingSince = oldestMissing.get(instrument.symbol());
			boolean isStale = openByExchange.getOrDefault(instrument.exchange(), false)
					&& (ltpAge == null || ltpAge > STALE_LTP.toSeconds() || (missingSince != null
							&& Duration.between(missingSince, now).toSeconds() > STALE_CANDLE.toSeconds()));
			stale += isStale ? 1 : 0;
			rows.add(new Freshness(instrument.symbol(), ExchangeTime.of(l), ltpAge, ExchangeTime.of(c), candleAge,
					isStale));
		}
		return new FreshnessReport(ExchangeTime.of(now), open, stale, rows);
	}

	/**
	 * The newest stored instant per instrument: one correlated MAX per instrument, which
	 * both databases answer from the primary key's end (no scan of the table's years).
	 */
	private Map<Long, Instant> latest(String newest, List<Long> ids) {
		Map<Long, Instant> latest = new HashMap<>();
		for (int i = 0; i < ids.size(); i += 500) {
			jdbc.sql("SELECT i.id, (" + newest + ") FROM instrument i WHERE i.id IN (:ids)")
				.param("ids", ids.subList(i, Math.min(ids.size(), i + 500)))
				.query(rs -> {
					OffsetDateTime t = rs.getObject(2, OffsetDateTime.class);
					if (t != null) {
						latest.put(rs.getLong(1), t.toInstant());
					}
				});
		}
		return latest;
	}

	/** Bars of one instrument and timeframe over the IST days [from, to]. */
	public List<Bar> candles(String symbol, String timeframe, LocalDate from, LocalDate to) {
		return candles(null, symbol, timeframe, from, to);
	}

	/**
	 * {@link #candles(String, String, LocalDate, LocalDate)} of a symbol of
	 * {@code exchange}.
	 */
	public List<Bar> candles(@Nullable String exchange, String symbol, String timeframe, LocalDate from, LocalDate to) {
		Timeframe tf = Timeframe.fromLabel(timeframe == null ? "1m" : timeframe)
			.orElseThrow(() -> new BadJobRequestException(
					"parameter 'timeframe': expected one of 1m, 5m, 15m, 30m, 1h, 1d, got '" + timeframe + "'"));
		if (from.isAfter(to)) {
			throw new BadJobRequestException("parameter 'from' (" + from + ") must not be after 'to' (" + to + ")");
		}
		if (ChronoUnit.DAYS.between(from, to) > 31 && tf == Timeframe.M1) {
			throw new BadJobRequestException("1m bars: ask for at most 31 days at a time");
		}
		Instrument instrument = instruments(exchange, null, symbol).get(0);
		TradingCalendar calendar = calendars.load(instrument.exchange());
		return jdbc
			.sql("SELECT ts, open, high, low, close, volume, oi FROM candle WHERE instrument_id = ? AND timeframe = ? "
					+ "AND ts >= ? AND ts < ? ORDER BY ts")
			.params(instrument.id(), tf.label(), utc(from.atStartOfDay(calendar.zone()).toInstant()),
					utc(to.plusDays(1).atStartOfDay(calendar.zone()).toInstant()))
			.query((rs, n) -> new Bar(
					rs.getObject(1, OffsetDateTime.class).toInstant().atZone(calendar.zone()).toOffsetDateTime(),
					rs.getBigDecimal(2), rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getLong(6),
					(Long) rs.getObject(7, Long.class)))
			.list();
	}

	private static OffsetDateTime utc(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}

}
