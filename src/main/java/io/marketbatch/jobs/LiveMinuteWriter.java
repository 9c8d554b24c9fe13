package io.marketbatch.jobs;

import io.marketbatch.market.Candle;
import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.ClosedMinute;
import io.marketbatch.market.DayCoverage;
import io.marketbatch.market.Instrument;
import io.marketbatch.store.CandleCoverage;
import io.marketbatch.store.CandleWriter;

import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Writes finished live minutes: each candle upserted as {@code source = 'live'}
 * (provisional: the daily backfill replaces it with the broker's), and per instrument
 * what the minute answered in {@code candle_coverage}: a no-trade minute is recorded as
 * such, a missed one is left missing so the gap fill asks the broker for it. Each bar
 * goes to the watchers after it is written.
 */
public class LiveMinuteWriter implements ItemWriter<ClosedMinute> {

	/** The source of candles built from a live feed. */
	public static final String SOURCE = "live";

	private final CandleWriter candles;

	private final CandleCoverage coverage;

	private final Supplier<List<Instrument>> instruments;

	private final LocalDate day;

	private final ZoneId zone;

	private final LiveEvents events;

	private List<Instrument> list = List.of();

	public LiveMinuteWriter(CandleWriter candles, CandleCoverage coverage, Supplier<List<Instrument>> instruments,
			LocalDate day, ZoneId zone, LiveEvents events) {
		this.candles = candles;
		this.coverage = coverage;
		this.instruments = instruments;
		this.day = day;
		this.zone = zone;
		this.events = events;
	}

	@Override
	public void write(Chunk<? extends ClosedMinute> chunk) throws Exception {
		if (list.isEmpty()) {
			list = instruments.get();
		}
		List<Long> ids = list.stream().map(Instrument::id).toList();
		for (ClosedMinute minute : chunk) {
			Map<Long, CandleCoverage.Row> recorded = coverage.rows(ids, day, day)
				.entrySet()
				.stream()
				.filter(e -> e.getValue().containsKey(day))
				.collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().get(day)));
			Map<Long, Candle> built = minute.candles()
				.stream()
				.collect(Collectors.toMap(Candle::instrumentId, c -> c, (a, b) -> b));
			List<CandleBatch> batches = new ArrayList<>();
			for (Instrument instrument : list) {
				Candle candle = built.get(instrument.id());
				List<java.time.Instant> noTrade = minute.noTrade().contains(instrument.id()) ? List.of(minute.minute())
						: List.of();
				DayCoverage answered = CoverageMerge.merge(
						new DayCoverage(day, minute.minute().plusSeconds(60), noTrade, false),
						recorded.get(instrument.id()), zone);
				batches.add(CandleBatch
					.of(instrument, CandleBatch.MINUTE_DATASET, SOURCE, candle == null ? List.of() : List.of(candle))
					.withCoverage(List.of(answered)));
			}
			candles.write(new Chunk<>(batches));
			for (Instrument instrument : list) {
				Candle c = built.get(instrument.id());
				if (c != null) {
					events.publish(LiveEvents.Event.bar(instrument.symbol(), c.ts(), c.open(), c.high(), c.low(),
							c.close(), c.volume()));
				}
			}
		}
	}

}
