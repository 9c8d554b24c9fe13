package io.marketbatch.jobs;

import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.TradingCalendar;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Fetches one window of 1-minute candles and keeps the wanted days. A malformed or
 * inconsistent answer writes nothing for that instrument and records why; broker outages
 * and rejected tokens propagate and fail the step.
 */
public class CandleFetcher implements ItemProcessor<FetchWindow, CandleBatch> {

	private final MarketDataSource source;

	private final Supplier<TradingCalendar> calendar;

	public CandleFetcher(MarketDataSource source, Supplier<TradingCalendar> calendar) {
		this.source = source;
		this.calendar = calendar;
	}

	@Override
	public CandleBatch process(FetchWindow window) {
		TradingCalendar cal = calendar.get();
		List<Candle> fetched;
		try {
			fetched = source.minuteCandles(window.instrument(), window.from(), window.to());
		}
		catch (BrokerDataException e) {
			return CandleBatch.failed(window.instrument(), CandleBatch.MINUTE_DATASET, source.name(), e.getMessage());
		}
		Optional<String> problem = CandleChecks.problem(fetched, cal);
		if (problem.isPresent()) {
			return CandleBatch.failed(window.instrument(), CandleBatch.MINUTE_DATASET, source.name(), problem.get());
		}
		List<Candle> wanted = fetched.stream()
			.filter(c -> window.wanted().contains(c.ts().atZone(cal.zone()).toLocalDate()))
			.map(c -> c.instrumentId() == window.instrument().id() ? c
					: new Candle(window.instrument().id(), c.timeframe(), c.ts(), c.open(), c.high(), c.low(),
							c.close(), c.volume(), c.oi()))
			.toList();
		return CandleBatch.of(window.instrument(), CandleBatch.MINUTE_DATASET, source.name(), wanted);
	}

}
