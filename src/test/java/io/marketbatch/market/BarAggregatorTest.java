package io.marketbatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import io.marketbatch.support.TestCalendars;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

class BarAggregatorTest {

	private final TradingCalendar calendar = TestCalendars.nse();

	private final LocalDate day = LocalDate.of(2026, 10, 29);

	/**
	 * A varied day: prices and volumes differ per minute, so a wrong bucket shows up in
	 * the values.
	 */
	private List<Candle> minutes() {
		List<Candle> candles = new ArrayList<>();
		int i = 0;
		for (Instant t : calendar.expectedMinutes(day)) {
			BigDecimal open = BigDecimal.valueOf(1000 + (i * 37) % 101, 1);
			BigDecimal close = BigDecimal.valueOf(1000 + (i * 53) % 97, 1);
			BigDecimal high = open.max(close).add(BigDecimal.valueOf(i % 7 + 1, 1));
			BigDecimal low = open.min(close).subtract(BigDecimal.valueOf(i % 5 + 1, 1));
			candles.add(new Candle(7, Timeframe.M1, t, open, high, low, close, 100 + i, null));
			i++;
		}
		return candles;
	}

	@Test
	void normalDayGivesSessionAnchoredBarCounts() {
		Instant open = calendar.sessionOpen(day);
		List<Candle> m = minutes();
		assertThat(BarAggregator.aggregate(m, open, Timeframe.M5)).hasSize(75);
		assertThat(BarAggregator.aggregate(m, open, Timeframe.M15)).hasSize(25);
		assertThat(BarAggregator.aggregate(m, open, Timeframe.M30)).hasSize(13);
		assertThat(BarAggregator.aggregate(m, open, Timeframe.H1)).hasSize(7);
		assertThat(BarAggregator.aggregate(m, open, Timeframe.D1)).hasSize(1);
	}

	@Test
	void hourlyBarsStartAt0915AndTheLastIsTheShort1515Bar() {
		List<Candle> hours = BarAggregator.aggregate(minutes(), calendar.sessionOpen(day), Timeframe.H1);
		assertThat(hours.get(0).ts()).isEqualTo(Instant.parse("2026-10-29T03:45:00Z"));
		assertThat(hours.get(6).ts()).isEqualTo(Instant.parse("2026-10-29T09:45:00Z"));
		// 15:15-15:30 holds 15 minutes: its volume is the sum of exactly those
		List<Candle> m = minutes();
		long lastVolume = m.subList(360, 375).stream().mapToLong(Candle::volume).sum();
		assertThat(hours.get(6).volume()).isEqualTo(lastVolume);
	}

	@Test
	void barValuesAreFirstOpenMaxHighMinLowLastCloseSummedVolume() {
		List<Candle> m = minutes();
		Instant open = calendar.sessionOpen(day);
		for (Timeframe tf : List.of(Timeframe.M5, Timeframe.M15, Timeframe.M30, Timeframe.H1, Timeframe.D1)) {
			Map<Instant, List<Candle>> buckets = m.stream()
				.collect(Collectors.groupingBy(c -> BarAggregator.bucketStart(c.ts(), open, tf)));
			for (Candle bar : BarAggregator.aggregate(m, open, tf)) {
				List<Candle> in = buckets.get(bar.ts()).stream().sorted(Comparator.comparing(Candle::ts)).toList();
				assertThat(bar.open()).isEqualTo(in.get(0).open());
				assertThat(bar.close()).isEqualTo(in.get(in.size() - 1).close());
				assertThat(bar.high())
					.isEqualTo(in.stream().map(Candle::high).max(Comparator.naturalOrder()).orElseThrow());
				assertThat(bar.low())
					.isEqualTo(in.stream().map(Candle::low).min(Comparator.naturalOrder()).orElseThrow());
				assertThat(bar.volume()).isEqualTo(in.stream().mapToLong(Candle::volume).sum());
				assertThat(bar.problem()).isEmpty();
				assertThat(bar.timeframe()).isEqualTo(tf);
			}
		}
	}

	@Test
	void candleProblemsAreNamed() {
		Instant t = Instant.parse("2026-10-29T03:45:00Z");
		BigDecimal ten = BigDecimal.TEN;
		assertThat(new Candle(1, Timeframe.M1, t, ten, BigDecimal.ONE, ten, ten, 1, null).problem().orElseThrow())
			.contains("high");
		assertThat(new Candle(1, Timeframe.M1, t.plusSeconds(5), ten, ten, ten, ten, 1, null).problem().orElseThrow())
			.contains("minute grid");
		assertThat(new Candle(1, Timeframe.M1, t, ten, ten, ten, ten, -1, null).problem().orElseThrow())
			.contains("volume");
	}

}
