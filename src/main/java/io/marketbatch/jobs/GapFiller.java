package io.marketbatch.jobs;

import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.DayCoverage;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CandleCoverage;
import io.marketbatch.store.Completeness;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * For one instrument, the 1-minute candles still missing between the session open and
 * {@code runAt} (never past now), of minutes older than the broker's settle lag: fetched
 * from the intraday API when the day is today, else from history. An instrument whose
 * settled minutes are all present or answered as no-trade costs no request; an answer is
 * recorded as coverage, so the same minutes are not asked for again.
 */
public class GapFiller implements ItemProcessor<Instrument, CandleBatch> {

	private final MarketDataSource source;

	private final Supplier<TradingCalendar> calendar;

	private final Completeness completeness;

	private final CalendarDrift drift;

	private final Clock clock;

	private final Instant runAt;

	private final @Nullable CandleCoverage coverage;

	public GapFiller(MarketDataSource source, Supplier<TradingCalendar> calendar, Completeness completeness,
			CalendarDrift drift, Clock clock, Instant runAt) {
		this(source, calendar, completeness, drift, clock, runAt, null);
	}

	/**
	 * With {@code coverage}, an answer is joined with what is recorded for the day (live
	 * capture answers minutes ahead of the gap fill; neither may drop the other's
	 * no-trade minutes).
	 */
	public GapFiller(MarketDataSource source, Supplier<TradingCalendar> calendar, Completeness completeness,
			CalendarDrift drift, Clock clock, Instant runAt, @Nullable CandleCoverage coverage) {
		this.coverage = coverage;
		this.source = source;
		this.calendar = calendar;
		this.completeness = completeness;
		this.drift = drift;
		this.clock = clock;
		this.runAt = runAt;
	}

	@Override
	public @Nullable CandleBatch process(Instrument instrument) {
		TradingCalendar cal = calendar.get();
		Instant now = clock.instant();
		Instant until = runAt.isBefore(now) ? runAt : now;
		LocalDate day = runAt.atZone(cal.zone()).toLocalDate();
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
		CandleChecks.Split split = CandleChecks.split(fetched, cal);
		if (!split.offCalendar().isEmpty()) {
			drift.seen(instrument, split.offCalendar(), cal);
		}
		List<Candle> ofDay = split.inSession()
			.stream()
			.filter(c -> c.ts().atZone(cal.zone()).toLocalDate().equals(day))
			.toList();
		// the answer covers every minute settled by now, traded or not
		DayCoverage answered = DayCoverage.answered(cal, day, now.minus(source.limits().settleLag()),
				ofDay.stream().map(Candle::ts).toList());
		if (coverage != null) {
			answered = CoverageMerge.merge(answered,
					coverage.rows(List.of(instrument.id()), day, day).getOrDefault(instrument.id(), Map.of()).get(day),
					cal.zone());
		}
		List<Candle> filled = ofDay.stream().filter(c -> missing.contains(c.ts())).toList();
		return CandleBatch.of(instrument, CandleBatch.MINUTE_DATASET, source.name(), filled)
			.withCoverage(List.of(answered));
	}

}
