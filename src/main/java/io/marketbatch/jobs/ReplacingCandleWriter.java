package io.marketbatch.jobs;

import io.marketbatch.market.CandleBatch;
import io.marketbatch.market.DayCoverage;
import io.marketbatch.store.CandleWriter;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The daily backfill's writer: the broker's whole answer for a day replaces that day's
 * live candles. Those the broker answered are overwritten by the upsert; a live candle
 * left after it is of a minute the broker has no trade for, and goes (its day's bars are
 * rebuilt).
 */
class ReplacingCandleWriter implements ItemWriter<CandleBatch> {

	private final CandleWriter candles;

	private final JdbcClient jdbc;

	private final ZoneId zone;

	private final Clock clock;

	ReplacingCandleWriter(CandleWriter candles, JdbcClient jdbc, ZoneId zone, Clock clock) {
		this.candles = candles;
		this.jdbc = jdbc;
		this.zone = zone;
		this.clock = clock;
	}

	@Override
	public void write(Chunk<? extends CandleBatch> chunk) throws Exception {
		candles.write(chunk);
		for (CandleBatch batch : chunk) {
			if (batch.failed() || !batch.dataset().equals(CandleBatch.MINUTE_DATASET)) {
				continue;
			}
			for (DayCoverage day : batch.coverage()) {
				if (day.unavailable()) {
					continue;
				}
				int removed = jdbc
					.sql("DELETE FROM candle WHERE instrument_id = :id AND timeframe = '1m' AND source = :live "
							+ "AND ts >= :from AND ts < :to")
					.param("id", batch.instrumentId())
					.param("live", LiveMinuteWriter.SOURCE)
					.param("from",
							day.day().atStartOfDay(zone).toOffsetDateTime().withOffsetSameInstant(ZoneOffset.UTC))
					.param("to",
							day.day()
								.plusDays(1)
								.atStartOfDay(zone)
								.toOffsetDateTime()
								.withOffsetSameInstant(ZoneOffset.UTC))
					.update();
				if (removed > 0) {
					jdbc.sql("UPDATE candle_coverage SET minutes_written_at = :at WHERE instrument_id = :id "
							+ "AND dataset = :dataset AND trade_date = :day")
						.param("at", clock.instant().atOffset(ZoneOffset.UTC))
						.param("id", batch.instrumentId())
						.param("dataset", CandleBatch.MINUTE_DATASET)
						.param("day", day.day())
						.update();
				}
			}
		}
	}

}
