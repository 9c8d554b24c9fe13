package io.marketbatch.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;

import org.junit.jupiter.api.Test;

/** Instants read at the exchange's offset, whatever zone the JVM runs in. */
class ExchangeTimeTest {

	@Test
	void anInstantReadsAtTheIstOffset() {
		assertThat(ExchangeTime.of(Instant.parse("2026-10-29T04:45:00Z"))).hasToString("2026-10-29T10:15+05:30");
		assertThat(ExchangeTime.of(null)).isNull();
	}

	@Test
	void aSpringBatchTimeIsTheJvmZonesLocalTime() {
		// 05:45 in Berlin (CET after the October change) is 04:45Z, 10:15 IST
		assertThat(ExchangeTime.ofBatch(LocalDateTime.parse("2026-10-29T05:45:00.123"), ZoneId.of("Europe/Berlin")))
			.hasToString("2026-10-29T10:15:00.123+05:30");
		assertThat(ExchangeTime.ofBatch(LocalDateTime.parse("2026-10-29T10:15:00"), ZoneId.of("Asia/Kolkata")))
			.hasToString("2026-10-29T10:15+05:30");
		assertThat(ExchangeTime.ofBatch(null)).isNull();
	}

	@Test
	void theTablesShortFormIsIstToTheSecond() {
		assertThat(ExchangeTime
			.table(ExchangeTime.ofBatch(LocalDateTime.parse("2026-10-29T00:00:07.9"), ZoneId.of("UTC"))))
			.isEqualTo("2026-10-29 05:30:07");
	}

}
