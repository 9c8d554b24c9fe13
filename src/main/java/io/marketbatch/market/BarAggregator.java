package io.marketbatch.market;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds 5m/15m/30m/1h/1d bars from one session's 1-minute candles. Buckets are anchored
 * at the exchange's regular open of the date ({@link TradingCalendar#barAnchor}: 09:15 on
 * NSE, so the last hourly bar is the short 15:15-15:30 one; 09:00 on MCX and CDS, also on
 * an evening-only day), and the daily bar is stamped at the session open.
 */
public final class BarAggregator {

	private BarAggregator() {
	}

	/**
	 * @param minutes one instrument's 1-minute candles of one session, any order, no
	 * duplicates
	 * @param sessionOpen the session's first minute
	 */
	public static List<Candle> aggregate(List<Candle> minutes, Instant sessionOpen, Timeframe timeframe) {
		return aggregate(minutes, sessionOpen, sessionOpen, timeframe);
	}

	/**
	 * @param minutes one instrument's 1-minute candles of one session, any order, no
	 * duplicates
	 * @param anchor where intraday buckets start (the regular open of the date)
	 * @param sessionOpen the session's first minute, the daily bar's stamp
	 */
	public static List<Candle> aggregate(List<Candle> minutes, Instant anchor, Instant sessionOpen,
			Timeframe timeframe) {
		if (timeframe == Timeframe.M1) {
			throw new IllegalArgumentException("1m bars are not aggregated");
		}
		List<Candle> sorted = minutes.stream().sorted((a, b) -> a.ts().compareTo(b.ts())).toList();
		List<Candle> bars = new ArrayList<>();
		Bar current = null;
		for (Candle m : sorted) {
			Instant bucket = timeframe.isDaily() ? sessionOpen : bucketStart(m.ts(), anchor, timeframe);
			if (current == null || !current.start.equals(bucket)) {
				if (current != null) {
					bars.add(current.toCandle(timeframe));
				}
				current = new Bar(m, bucket);
			}
			else {
				current.add(m);
			}
		}
		if (current != null) {
			bars.add(current.toCandle(timeframe));
		}
		return bars;
	}

	static Instant bucketStart(Instant ts, Instant sessionOpen, Timeframe timeframe) {
		if (timeframe.isDaily()) {
			return sessionOpen;
		}
		long width = timeframe.width().toSeconds();
		long offset = Duration.between(sessionOpen, ts).toSeconds();
		return sessionOpen.plusSeconds(Math.floorDiv(offset, width) * width);
	}

	private static final class Bar {

		final long instrumentId;

		final Instant start;

		final BigDecimal open;

		BigDecimal high;

		BigDecimal low;

		BigDecimal close;

		long volume;

		Long oi;

		Bar(Candle first, Instant start) {
			this.instrumentId = first.instrumentId();
			this.start = start;
			this.open = first.open();
			this.high = first.high();
			this.low = first.low();
			this.close = first.close();
			this.volume = first.volume();
			this.oi = first.oi();
		}

		void add(Candle m) {
			high = high.max(m.high());
			low = low.min(m.low());
			close = m.close();
			volume += m.volume();
			if (m.oi() != null) {
				oi = m.oi();
			}
		}

		Candle toCandle(Timeframe timeframe) {
			return new Candle(instrumentId, timeframe, start, open, high, low, close, volume, oi);
		}

	}

}
