package io.marketbatch.jobs;

import io.marketbatch.market.BarAggregator;
import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Timeframe;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CandleStore;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/** Reads one instrument's stored 1-minute candles of a day and builds its 5m..1d bars. */
public class DayAggregator implements ItemProcessor<Instrument, CandleBatch> {

	private final Supplier<TradingCalendar> calendar;

	private final CandleStore candles;

	private final LocalDate day;

	public DayAggregator(Supplier<TradingCalendar> calendar, CandleStore candles, LocalDate day) {
		this.calendar = calendar;
		this.candles = candles;
		this.day = day;
	}

	@Override
	public CandleBatch process(Instrument instrument) {
		TradingCalendar cal = calendar.get();
		Instant open = cal.sessionOpen(day);
		List<Candle> minutes = candles.candles(instrument.id(), Timeframe.M1, open, cal.sessionClose(day));
		if (minutes.isEmpty()) {
			return CandleBatch.failed(instrument, CandleBatch.AGGREGATE_DATASET, "aggregate",
					"no 1-minute candles on " + day + ": run dailyBackfill for that day first");
		}
		List<Candle> bars = new ArrayList<>();
		for (Timeframe timeframe : Timeframe.values()) {
			if (timeframe != Timeframe.M1) {
				bars.addAll(BarAggregator.aggregate(minutes, open, timeframe));
			}
		}
		return CandleBatch.of(instrument, CandleBatch.AGGREGATE_DATASET, "aggregate", bars);
	}

}
