package io.marketbatch.jobs;

import io.marketbatch.market.BarAggregator;
import io.marketbatch.market.Candle;
import io.marketbatch.market.ExchangeCalendars;
import io.marketbatch.market.Timeframe;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.BarWriter;
import io.marketbatch.store.CandleStore;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Reads one instrument-day's stored 1-minute candles and builds its 5m..1d bars by the
 * calendar of the instrument's exchange, anchored at that exchange's regular open of the
 * day (09:15 on NSE and BSE, 09:00 on MCX and CDS); provisional while the session has not
 * closed.
 */
public class DayAggregator implements ItemProcessor<BarDay, BarWriter.DayBars> {

	private final ExchangeCalendars calendars;

	private final CandleStore candles;

	private final Clock clock;

	public DayAggregator(Supplier<TradingCalendar> calendar, CandleStore candles, Clock clock) {
		this(exchange -> calendar.get(), candles, clock);
	}

	public DayAggregator(ExchangeCalendars calendars, CandleStore candles, Clock clock) {
		this.calendars = calendars;
		this.candles = candles;
		this.clock = clock;
	}

	@Override
	public BarWriter.DayBars process(BarDay item) {
		TradingCalendar cal = calendars.of(item.instrument().exchange());
		long id = item.instrument().id();
		String symbol = item.instrument().symbol();
		if (!cal.isTradingDay(item.day())) {
			return new BarWriter.DayBars(id, symbol, item.day(), Instant.EPOCH, Instant.EPOCH, List.of(), false,
					"no session on " + item.day() + " in the calendar: " + cal.day(item.day()).closedReason());
		}
		Instant open = cal.sessionOpen(item.day());
		Instant close = cal.sessionClose(item.day());
		boolean provisional = clock.instant().isBefore(close);
		List<Candle> minutes = candles.candles(id, Timeframe.M1, open, close);
		if (minutes.isEmpty()) {
			return new BarWriter.DayBars(id, symbol, item.day(), open, close, List.of(), provisional,
					"no 1-minute candles on " + item.day() + ": run dailyBackfill for that day first");
		}
		List<Candle> bars = new ArrayList<>();
		for (Timeframe timeframe : Timeframe.values()) {
			if (timeframe != Timeframe.M1) {
				bars.addAll(BarAggregator.aggregate(minutes, cal.barAnchor(item.day()), open, timeframe));
			}
		}
		return new BarWriter.DayBars(id, symbol, item.day(), open, close, bars, provisional, null);
	}

}
