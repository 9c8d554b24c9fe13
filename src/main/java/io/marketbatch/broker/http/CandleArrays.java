package io.marketbatch.broker.http;

import io.marketbatch.broker.BrokerDataException;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.Timeframe;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * Candle rows as Upstox, Kite and Fyers send them:
 * {@code [time, open, high, low, close, volume,
 * (oi)]}, with the time as ISO-8601 with an offset ({@code +05:30} or Kite's
 * {@code +0530}) or as epoch seconds. The result is oldest first whatever order the
 * broker used.
 */
public final class CandleArrays {

	/** ISO local date-time with either offset spelling. */
	private static final DateTimeFormatter OFFSET_TIME = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss[XXX][XX]");

	private CandleArrays() {
	}

	public static List<Candle> parse(JsonNode rows, Instrument instrument, String broker) {
		if (rows == null || !rows.isArray()) {
			throw new BrokerDataException(broker + ": no candle array in the answer for " + instrument.symbol());
		}
		List<Candle> candles = new ArrayList<>(rows.size());
		for (JsonNode row : rows) {
			if (!row.isArray() || row.size() < 6) {
				throw new BrokerDataException(
						broker + ": malformed candle row for " + instrument.symbol() + ": " + row);
			}
			Long oi = row.size() > 6 && row.get(6).isNumber() ? row.get(6).asLong() : null;
			candles.add(new Candle(instrument.id(), Timeframe.M1, instant(row.get(0), instrument, broker),
					price(row.get(1), instrument, broker), price(row.get(2), instrument, broker),
					price(row.get(3), instrument, broker), price(row.get(4), instrument, broker),
					volume(row.get(5), instrument, broker), oi));
		}
		candles.sort(Comparator.comparing(Candle::ts));
		return candles;
	}

	public static Instant instant(JsonNode value, Instrument instrument, String broker) {
		if (value.isNumber()) {
			return Instant.ofEpochSecond(value.asLong());
		}
		try {
			return OffsetDateTime.parse(value.asString(), OFFSET_TIME).toInstant();
		}
		catch (DateTimeParseException e) {
			throw new BrokerDataException(
					broker + ": unreadable candle time '" + value.asString() + "' for " + instrument.symbol());
		}
	}

	public static BigDecimal price(JsonNode value, Instrument instrument, String broker) {
		if (value == null || !value.isNumber()) {
			throw new BrokerDataException(broker + ": non-numeric price " + value + " for " + instrument.symbol());
		}
		return value.decimalValue();
	}

	static long volume(JsonNode value, Instrument instrument, String broker) {
		if (value == null || !value.isNumber()) {
			throw new BrokerDataException(broker + ": non-numeric volume " + value + " for " + instrument.symbol());
		}
		return value.asLong();
	}

}
