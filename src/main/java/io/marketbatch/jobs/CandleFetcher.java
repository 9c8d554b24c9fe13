package io.marketbatch.jobs;

import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.DayCoverage;
import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Fetches one window of 1-minute candles and keeps the wanted days, with what the broker
 * answered for each of them (its no-trade minutes included). A malformed or inconsistent
 * answer writes nothing for that instrument and records why; candles at times the
 * calendar calls closed are left out and reported to {@link CalendarDrift}; broker
 * outages and rejected tokens propagate and fail the step. Days before the broker's
 * history depth ({@link io.marketbatch.broker.BrokerLimits#historyStart}) are not asked
 * for: the batch notes them as unavailable, a success for the rest of the window.
 */
public class CandleFetcher implements ItemProcessor<FetchWindow, CandleBatch> {

	private final MarketDataSource source;

	private final Supplier<TradingCalendar> calendar;

	private final CalendarDrift drift;

	private final Clock clock;

	public CandleFetcher(MarketDataSource source, Supplier<TradingCalendar> calendar, CalendarDrift drift,
			Clock clock) {
		this.source = source;
		this.calendar = calendar;
		this.drift = drift;
		this.clock = clock;
	}

	@Override
	public CandleBatch process(FetchWindow window) {
		TradingCalendar cal = calendar.get();
		Instant now = clock.instant();
		Optional<LocalDate> historyStart = source.limits().historyStart(cal.today(now));
		LocalDate from = historyStart.filter(window.from()::isBefore).orElse(window.from());
		List<DayCoverage> unavailable = window.wanted()
			.stream()
			.filter(from::isAfter)
			.sorted()
			.map(day -> DayCoverage.unavailable(cal, day))
			.toList();
		if (from.isAfter(window.to())) {
			return CandleBatch.of(window.instrument(), CandleBatch.MINUTE_DATASET, source.name(), List.of())
				.withUnavailable(unavailable(window.from(), window.to(), from))
				.withCoverage(unavailable);
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
		CandleChecks.Split split = CandleChecks.split(fetched, cal);
		if (!split.offCalendar().isEmpty()) {
			drift.seen(window.instrument(), split.offCalendar(), cal);
		}
		List<Candle> wanted = split.inSession()
			.stream()
			.filter(c -> window.wanted().contains(c.ts().atZone(cal.zone()).toLocalDate()))
			.map(c -> c.instrumentId() == window.instrument().id() ? c
					: new Candle(window.instrument().id(), c.timeframe(), c.ts(), c.open(), c.high(), c.low(),
							c.close(), c.volume(), c.oi()))
			.toList();
		// every wanted day asked for was answered, as far as the broker's settle lag
		// allows
		Instant settled = now.minus(source.limits().settleLag());
		Map<LocalDate, List<Instant>> minutesByDay = wanted.stream()
			.collect(Collectors.groupingBy(c -> c.ts().atZone(cal.zone()).toLocalDate(),
					Collectors.mapping(Candle::ts, Collectors.toList())));
		List<DayCoverage> coverage = new ArrayList<>(unavailable);
		window.wanted()
			.stream()
			.filter(day -> !day.isBefore(from))
			.sorted()
			.forEach(day -> coverage
				.add(DayCoverage.answered(cal, day, settled, minutesByDay.getOrDefault(day, List.of()))));
		CandleBatch batch = CandleBatch.of(window.instrument(), CandleBatch.MINUTE_DATASET, source.name(), wanted)
			.withCoverage(coverage);
		return from.equals(window.from()) ? batch
				: batch.withUnavailable(unavailable(window.from(), from.minusDays(1), from));
	}

	private String unavailable(LocalDate first, LocalDate last, LocalDate historyStart) {
		return "unavailable, not a failure: " + source.name() + " keeps 1-minute candles from " + historyStart + "; "
				+ first + ".." + last + " not asked for";
	}

}
