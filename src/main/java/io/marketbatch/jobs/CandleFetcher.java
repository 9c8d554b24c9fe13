package io.marketbatch.jobs;

import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Fetches one window of 1-minute candles and keeps the wanted days. A malformed or
 * inconsistent answer writes nothing for that instrument and records why; broker outages
 * and rejected tokens propagate and fail the step. Days before the broker's history depth
 * ({@link io.marketbatch.broker.BrokerLimits#historyStart}) are not asked for: the batch
 * notes them as unavailable, a success for the rest of the window.
 */
public class CandleFetcher implements ItemProcessor<FetchWindow, CandleBatch> {

	private final MarketDataSource source;

	private final Supplier<TradingCalendar> calendar;

	private final Clock clock;

	public CandleFetcher(MarketDataSource source, Supplier<TradingCalendar> calendar, Clock clock) {
		this.source = source;
		this.calendar = calendar;
		this.clock = clock;
	}

	public CandleFetcher(MarketDataSource source, Supplier<TradingCalendar> calendar) {
		this(source, calendar, Clock.systemUTC());
	}

	@Override
	public CandleBatch process(FetchWindow window) {
		TradingCalendar cal = calendar.get();
		Optional<LocalDate> historyStart = source.limits().historyStart(LocalDate.now(clock.withZone(cal.zone())));
		LocalDate from = historyStart.filter(window.from()::isBefore).orElse(window.from());
		if (from.isAfter(window.to())) {
			return CandleBatch.of(window.instrument(), CandleBatch.MINUTE_DATASET, source.name(), List.of())
				.withUnavailable(unavailable(window.from(), window.to(), from));
		}
		List<Candle> fetched;
		try {
			fetched = source.minuteCandles(window.instrument(), from, window.to());
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
		CandleBatch batch = CandleBatch.of(window.instrument(), CandleBatch.MINUTE_DATASET, source.name(), wanted);
		return from.equals(window.from()) ? batch
				: batch.withUnavailable(unavailable(window.from(), from.minusDays(1), from));
	}

	private String unavailable(LocalDate first, LocalDate last, LocalDate historyStart) {
		return "unavailable, not a failure: " + source.name() + " keeps 1-minute candles from " + historyStart + "; "
				+ first + ".." + last + " not asked for";
	}

}
