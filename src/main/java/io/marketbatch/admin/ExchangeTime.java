package io.marketbatch.admin;

import io.marketbatch.market.TradingCalendar;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Instants as operators read them, in the API and on the command line: at the exchange's
 * offset (IST, {@code +05:30}) and saying so, whatever zone the JVM or the database runs
 * in.
 */
public final class ExchangeTime {

	/** The short form of the command line's tables, whose headers say "(IST)". */
	private static final DateTimeFormatter TABLE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

	private ExchangeTime() {
	}

	public static @Nullable OffsetDateTime of(@Nullable Instant instant) {
		return instant == null ? null : instant.atZone(TradingCalendar.IST).toOffsetDateTime();
	}

	/**
	 * A Spring Batch time: a {@link LocalDateTime} that Spring Batch takes and stores in
	 * the JVM's default zone.
	 */
	public static @Nullable OffsetDateTime ofBatch(@Nullable LocalDateTime batchTime) {
		return ofBatch(batchTime, ZoneId.systemDefault());
	}

	static @Nullable OffsetDateTime ofBatch(@Nullable LocalDateTime batchTime, ZoneId jvmZone) {
		return batchTime == null ? null : of(batchTime.atZone(jvmZone).toInstant());
	}

	/** {@code 2026-10-29 10:15:03}, for a column headed "(IST)". */
	static String table(OffsetDateTime time) {
		return TABLE.format(time.atZoneSameInstant(TradingCalendar.IST));
	}

}
