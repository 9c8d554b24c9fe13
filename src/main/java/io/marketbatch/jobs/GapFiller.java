package io.marketbatch.jobs;

import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.Completeness;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * For one instrument, the 1-minute candles missing between the session open and
 * {@code runAt} (never past now): fetched from the intraday API when the day is today,
 * else from history. An instrument with no gap is filtered out without a broker call.
 */
public class GapFiller implements ItemProcessor<Instrument, CandleBatch> {

	private final MarketDataSource source;

	private final Supplier<TradingCalendar> calendar;

	private final Completeness completeness;

	private final Clock clock;

	private final Instant runAt;

	public GapFiller(MarketDataSource source, Supplier<TradingCalendar> calendar, Completeness completeness,
			Clock clock, Instant runAt) {
		this.source = source;
		this.calendar = calendar;
		this.completeness = completeness;
		this.clock = clock;
		this.runAt = runAt;
	}

	@Override
	public @Nullable CandleBatch process(Instrument instrument) {
		TradingCalendar cal = calendar.get();
		Instant now = clock.instant();
		Instant until = runAt.isBefore(now) ? runAt : now;
		LocalDate day = runAt.atZone(cal.zone()).toLocalDate();
		// only finished minutes can be filled
		Set<Instant> missing = Set.copyOf(completeness.missingMinutes(cal, instrument.id(), day, until));
		if (missing.isEmpty()) {
			return null;
		}
		List<Candle> fetched;
		try {
			fetched = day.equals(cal.today(now)) ? source.intradayCandles(instrument)
					: source.minuteCandles(instrument, day, day);
		}
		catch (BrokerDataException e) {
			return CandleBatch.failed(instrument, CandleBatch.MINUTE_DATASET, source.name(), e.getMessage());
		}
		Optional<String> problem = CandleChecks.problem(fetched, cal);
		if (problem.isPresent()) {
			return CandleBatch.failed(instrument, CandleBatch.MINUTE_DATASET, source.name(), problem.get());
		}
		List<Candle> filled = fetched.stream().filter(c -> missing.contains(c.ts())).toList();
		return CandleBatch.of(instrument, CandleBatch.MINUTE_DATASET, source.name(), filled);
	}

}
