package io.marketbatch.broker.sim;

import io.marketbatch.broker.BrokerLimits;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.market.Candle;
import io.marketbatch.market.ExchangeCalendars;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.LtpQuote;
import io.marketbatch.market.MasterInstrument;
import io.marketbatch.market.Timeframe;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * A deterministic synthetic broker ({@code marketbatch.broker=sim}, the default). Same
 * symbol and minute give the same candle; it trades when the calendar of the instrument's
 * exchange is open (NSE and BSE equities, MCX near-month futures, CDS USDINR, see
 * {@link SimMaster}; and in the extra sessions of {@link SimTrading}), sends no candle
 * for a minute without trades, serves a minute only after its lag and with provisional
 * values at first, and keeps a real broker's limits: 500 instruments per LTP call and one
 * month per minute-candle request.
 */
public class SimulatedBroker implements MarketDataSource {

	public static final String NAME = "sim";

	private static final BrokerLimits LIMITS = new BrokerLimits(500, Period.ofMonths(1));

	private final ExchangeCalendars calendars;

	private final Clock clock;

	private final SimFaults faults;

	private final SimTrading trading;

	/** Every exchange on {@code calendar} (tests with one calendar). */
	public SimulatedBroker(Supplier<TradingCalendar> calendar, Clock clock, SimFaults faults, SimTrading trading) {
		this(exchange -> calendar.get(), clock, faults, trading);
	}

	public SimulatedBroker(ExchangeCalendars calendars, Clock clock, SimFaults faults, SimTrading trading) {
		this.calendars = calendars;
		this.clock = clock;
		this.faults = faults;
		this.trading = trading;
	}

	public SimFaults faults() {
		return faults;
	}

	@Override
	public String name() {
		return NAME;
	}

	@Override
	public BrokerLimits limits() {
		return LIMITS.settling(trading.intradayLag());
	}

	@Override
	public List<MasterInstrument> instrumentMaster() {
		// not a fault-injected request: fail-after counts market-data requests only
		return SimMaster.instruments();
	}

	/**
	 * The built-in universes; members of a universe of another exchange than NSE are
	 * written {@code EXCHANGE:SYMBOL}.
	 */
	@Override
	public Map<String, List<String>> universes() {
		Map<String, List<String>> universes = new LinkedHashMap<>();
		BuiltInUniverses.shipped()
			.forEach(u -> universes.put(u.name(),
					BuiltInUniverses.symbols(u.name())
						.stream()
						.map(symbol -> "NSE".equals(u.exchange()) ? symbol : u.exchange() + ":" + symbol)
						.toList()));
		return universes;
	}

	/** The simulator checks its own token: one counted request, no market data. */
	@Override
	public void checkToken() {
		faults.checkToken("token check");
	}

	@Override
	public List<LtpQuote> lastPrices(List<Instrument> instruments, Instant minute) {
		LIMITS.requireBatch(NAME, instruments.size());
		faults.onRequest("LTP of " + instruments.size() + " instruments");
		Map<String, TradingCalendar> byExchange = new HashMap<>();
		// like a live broker: the price now, whatever minute is being captured; that is
		// the
		// close of the last finished minute, never of the one still running
		Instant lastFinished = clock.instant().truncatedTo(ChronoUnit.MINUTES).minusSeconds(60);
		List<LtpQuote> quotes = new ArrayList<>(instruments.size());
		for (Instrument instrument : instruments) {
			TradingCalendar cal = byExchange.computeIfAbsent(instrument.exchange(), calendars::of);
			Instant last = lastTradedMinute(cal, lastFinished);
			LocalDate day = last.atZone(cal.zone()).toLocalDate();
			Instant previousClose = lastTradedMinute(cal, cal.sessionOpen(day).minusSeconds(60));
			long seed = SimMarket.seedOf(instrument.symbol());
			long ltp = SimMarket.bar(seed, last, false).close();
			long prev = SimMarket.bar(seed, previousClose, false).close();
			long volume = 0;
			for (Instant t = cal.sessionOpen(day); !t.isAfter(last); t = t.plusSeconds(60)) {
				volume += trading.noTrade(instrument.symbol(), seed, t) ? 0
						: SimMarket.bar(seed, t, t.equals(cal.sessionOpen(day))).volume();
			}
			BigDecimal price = SimMarket.rupees(ltp);
			BigDecimal prevClose = SimMarket.rupees(prev);
			BigDecimal change = price.subtract(prevClose);
			BigDecimal changePct = change.multiply(BigDecimal.valueOf(100)).divide(prevClose, 4, RoundingMode.HALF_UP);
			quotes.add(new LtpQuote(instrument.id(), minute, price, volume, change, changePct, prevClose, null));
		}
		return quotes;
	}

	@Override
	public List<Candle> minuteCandles(Instrument instrument, LocalDate from, LocalDate to) {
		LIMITS.requireRange(NAME, from, to);
		faults.onRequest("1m candles " + instrument.symbol() + " " + from + ".." + to);
		TradingCalendar cal = calendars.of(instrument.exchange());
		Instant now = clock.instant();
		List<Candle> candles = new ArrayList<>();
		for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
			addSessions(candles, instrument, cal, day, now);
		}
		return candles;
	}

	@Override
	public List<Candle> intradayCandles(Instrument instrument) {
		faults.onRequest("intraday candles " + instrument.symbol());
		TradingCalendar cal = calendars.of(instrument.exchange());
		Instant now = clock.instant();
		List<Candle> candles = new ArrayList<>();
		addSessions(candles, instrument, cal, cal.today(now), now);
		return candles;
	}

	/** The day's served candles: the calendar's session, then any extra session. */
	private void addSessions(List<Candle> out, Instrument instrument, TradingCalendar cal, LocalDate day, Instant now) {
		if (cal.isTradingDay(day)) {
			addSession(out, instrument, cal.sessionOpen(day), cal.sessionClose(day), now, t -> true);
		}
		// once the calendar knows the session, its minutes are served once
		trading.extraSession(day)
			.ifPresent(hours -> addSession(out, instrument, hours[0], hours[1], now, t -> !cal.isOpen(t)));
	}

	private void addSession(List<Candle> out, Instrument instrument, Instant open, Instant close, Instant now,
			Predicate<Instant> include) {
		long seed = SimMarket.seedOf(instrument.symbol());
		for (Instant t = open; t.isBefore(close) && trading.served(t, now); t = t.plusSeconds(60)) {
			if (!include.test(t) || trading.noTrade(instrument.symbol(), seed, t)) {
				continue;
			}
			SimMarket.Bar bar = SimMarket.bar(seed, t, t.equals(open));
			if (trading.provisional(t, now)) {
				bar = SimMarket.provisional(bar);
			}
			out.add(new Candle(instrument.id(), Timeframe.M1, t, SimMarket.rupees(bar.open()),
					SimMarket.rupees(bar.high()), SimMarket.rupees(bar.low()), SimMarket.rupees(bar.close()),
					bar.volume(), null));
		}
	}

	/** The newest minute at or before {@code asOf} that was inside a session. */
	private static Instant lastTradedMinute(TradingCalendar cal, Instant asOf) {
		LocalDate date = asOf.atZone(cal.zone()).toLocalDate();
		for (int i = 0; i < 3660; i++, date = date.minusDays(1)) {
			TradingDay day = cal.day(date);
			if (!day.isOpen()) {
				continue;
			}
			Instant open = cal.sessionOpen(date);
			if (asOf.isBefore(open)) {
				continue;
			}
			Instant lastMinute = cal.sessionClose(date).minusSeconds(60);
			return asOf.isAfter(lastMinute) ? lastMinute : asOf;
		}
		throw new IllegalStateException("no session in the ten years before " + asOf);
	}

}
