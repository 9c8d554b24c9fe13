package io.marketbatch.broker.sim;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The simulated market's price model: a pure function of (symbol, minute), so the same
 * symbol and minute always give the same candle, on any machine and in any order of
 * requests. Prices sit on the 0.05 tick; high and low bracket open and close.
 */
final class SimMarket {

	private static final long TICKS_PER_RUPEE = 20; // 0.05 tick

	private SimMarket() {
	}

	/** One minute bar, prices in ticks. */
	record Bar(long open, long high, long low, long close, long volume) {
	}

	static long seedOf(String symbol) {
		long h = 1125899906842597L;
		for (byte b : symbol.getBytes(StandardCharsets.UTF_8)) {
			h = 31 * h + b;
		}
		return mix(h);
	}

	/**
	 * The bar starting at {@code minute}; {@code firstOfSession} makes it gap from the
	 * previous close.
	 */
	static Bar bar(long seed, Instant minute, boolean firstOfSession) {
		long m = minute.getEpochSecond() / 60;
		long close = priceTicks(seed, m);
		long open = firstOfSession ? jitter(seed, m, close, 0.004) : priceTicks(seed, m - 1);
		long spread = Math.max(1, Math.round(Math.max(open, close) * 0.0006 * unit(seed ^ 0x5DEECE66DL, m)));
		long high = Math.max(open, close) + spread;
		long low = Math.max(1, Math.min(open, close) - Math.max(1, spread / 2));
		long volume = 50 + (long) (5_000 * unit(seed ^ 0xABCDEFL, m) * unit(seed ^ 0x1234L, m / 15));
		return new Bar(open, high, low, close, volume);
	}

	/**
	 * The bar as first served, before the broker revises it: the close one tick off (kept
	 * inside high and low) and a fifth of the volume not yet counted.
	 */
	static Bar provisional(Bar bar) {
		long close = bar.close() < bar.high() ? bar.close() + 1 : Math.max(bar.low(), bar.close() - 1);
		return new Bar(bar.open(), bar.high(), bar.low(), close, Math.max(1, bar.volume() * 4 / 5));
	}

	/** Close of minute {@code m} (epoch minutes), in ticks. */
	static long priceTicks(long seed, long m) {
		double base = 100 + (Math.floorMod(seed, 4_900L));
		long day = Math.floorDiv(m, 1440);
		double trend = 0.12 * Math.sin(2 * Math.PI * day / 97.0 + (seed & 0xFF)) + 0.03 * (unit(seed, day) - 0.5);
		double wave = 0.006 * Math.sin(2 * Math.PI * m / 131.0 + ((seed >> 8) & 0xFF));
		double noise = 0.0015 * (unit(seed ^ 0x9E3779B97F4A7C15L, m) - 0.5);
		return Math.max(1, Math.round(base * (1 + trend + wave + noise) * TICKS_PER_RUPEE));
	}

	static BigDecimal rupees(long ticks) {
		return BigDecimal.valueOf(ticks * 5, 2);
	}

	private static long jitter(long seed, long m, long ticks, double size) {
		return Math.max(1, Math.round(ticks * (1 + size * (unit(seed ^ 0x77L, m) - 0.5))));
	}

	/** A uniform value in [0, 1) from (seed, n). */
	static double unit(long seed, long n) {
		return (mix(seed ^ (n * 0x9E3779B97F4A7C15L)) >>> 11) * 0x1.0p-53;
	}

	/** SplitMix64 finaliser. */
	private static long mix(long z) {
		z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
		z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
		return z ^ (z >>> 31);
	}

}
