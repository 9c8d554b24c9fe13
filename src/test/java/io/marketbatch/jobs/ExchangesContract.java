package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.admin.DataQueries;
import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.Instrument;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Exchanges with their own hours, end to end with the simulated broker on a real
 * database: an MCX future's week of minutes in MCX's hours (09:00-23:30 in October 2026),
 * its bars on the 09:00 grid, and the {@code exchange} parameter's rules. The subclasses
 * run it on H2 and on an embedded PostgreSQL.
 */
@SpringBootTest(properties = { "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"spring.main.banner-mode=off",
		"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@Import(SettableClock.Config.class)
abstract class ExchangesContract {

	private static final ZoneId IST = ZoneId.of("Asia/Kolkata");

	@Autowired
	SettableClock clock;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobLaunches jobs;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	@Autowired
	InstrumentDirectory directory;

	@Autowired
	Completeness completeness;

	@Autowired
	DataQueries data;

	@BeforeEach
	void cleanSlate() {
		clock.reset();
		TestData.clean(jdbc, jobRepository, broker);
	}

	JobExecution run(String job, String... assignments) throws Exception {
		JobParameters parameters = jobs.prepare(job, JobRequests.parseAssignments(List.of(assignments)), false);
		return jobs.launch(job, parameters).execution();
	}

	private static Instant ist(String localDateTime) {
		return LocalDateTime.parse(localDateTime).atZone(IST).toInstant();
	}

	private long crudeoil(String timeframe) {
		return jdbc.queryForObject(
				"SELECT COUNT(*) FROM candle c JOIN instrument i ON i.id = c.instrument_id "
						+ "WHERE i.exchange = 'MCX' AND i.symbol = 'CRUDEOIL' AND c.timeframe = ?",
				Long.class, timeframe);
	}

	private List<Instant> stamps(String timeframe, String from, String to) {
		return jdbc.query("SELECT ts FROM candle WHERE timeframe = ? AND ts >= ? AND ts < ? ORDER BY ts",
				(rs, n) -> rs.getObject(1, OffsetDateTime.class).toInstant(), timeframe,
				ist(from).atOffset(java.time.ZoneOffset.UTC), ist(to).atOffset(java.time.ZoneOffset.UTC));
	}

	@Test
	void historyBackfillOfAnMcxFutureStoresMcxHoursAndEodAggregationAnchorsAt0900() throws Exception {
		JobExecution backfill = run(JobNames.HISTORY_BACKFILL, "exchange=MCX", "symbols=CRUDEOIL", "from=2026-10-26",
				"to=2026-10-30");
		assertThat(backfill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(backfill.getJobParameters().getString(JobRequests.EXCHANGE)).isEqualTo("MCX");
		Map<LocalDate, Long> perDay = new TreeMap<>();
		jdbc.query("SELECT ts FROM candle WHERE timeframe = '1m'", rs -> {
			perDay.merge(rs.getObject(1, OffsetDateTime.class).toInstant().atZone(IST).toLocalDate(), 1L, Long::sum);
		});
		// Mon 26 .. Fri 30 Oct 2026, each 09:00-23:30: 870 minutes
		assertThat(perDay).containsExactly(Map.entry(LocalDate.of(2026, 10, 26), 870L),
				Map.entry(LocalDate.of(2026, 10, 27), 870L), Map.entry(LocalDate.of(2026, 10, 28), 870L),
				Map.entry(LocalDate.of(2026, 10, 29), 870L), Map.entry(LocalDate.of(2026, 10, 30), 870L));
		assertThat(stamps("1m", "2026-10-29T00:00", "2026-10-30T00:00")).startsWith(ist("2026-10-29T09:00"))
			.endsWith(ist("2026-10-29T23:29"));
		Instrument crude = directory.symbols("MCX", List.of("CRUDEOIL")).get(0);
		assertThat(completeness.day(LocalDate.of(2026, 10, 29), List.of(crude)).instruments().get(0)).satisfies(day -> {
			assertThat(day.expectedMinutes()).isEqualTo(870);
			assertThat(day.presentMinutes()).isEqualTo(870);
		});

		jdbc.update("DELETE FROM candle WHERE timeframe <> '1m'");
		JobExecution eod = run(JobNames.EOD_AGGREGATION, "businessDate=2026-10-29", "exchange=MCX", "symbols=CRUDEOIL");
		assertThat(eod.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(crudeoil("5m")).isEqualTo(174);
		assertThat(crudeoil("15m")).isEqualTo(58);
		assertThat(crudeoil("1h")).isEqualTo(15);
		assertThat(crudeoil("1d")).isEqualTo(1);
		assertThat(stamps("5m", "2026-10-29T00:00", "2026-10-30T00:00")).startsWith(ist("2026-10-29T09:00"),
				ist("2026-10-29T09:05"));
		List<Instant> hourly = stamps("1h", "2026-10-29T00:00", "2026-10-30T00:00");
		assertThat(hourly).hasSize(15).startsWith(ist("2026-10-29T09:00"), ist("2026-10-29T10:00"));
		assertThat(hourly.get(14)).isEqualTo(ist("2026-10-29T23:00"));
		// the last, half-hour bar holds the minutes 23:00-23:29
		String volume = "SELECT SUM(volume) FROM candle WHERE timeframe = ? AND ts >= ? AND ts < ?";
		Object from = ist("2026-10-29T23:00").atOffset(java.time.ZoneOffset.UTC);
		Object to = ist("2026-10-30T00:00").atOffset(java.time.ZoneOffset.UTC);
		assertThat(jdbc.queryForObject(volume, Long.class, "1h", from, to))
			.isEqualTo(jdbc.queryForObject(volume, Long.class, "1m", from, to))
			.isPositive();
	}

	@Test
	void completenessCountsEachInstrumentByItsOwnExchange() throws Exception {
		run(JobNames.HISTORY_BACKFILL, "exchange=MCX", "symbols=CRUDEOIL", "from=2026-10-29", "to=2026-10-29");
		List<Instrument> mixed = new java.util.ArrayList<>(data.instruments("mcx", null, "CRUDEOIL"));
		mixed.addAll(data.instruments(null, null, "RELIANCE"));
		Completeness.DayReport day = data.completeness(LocalDate.of(2026, 10, 29), mixed);
		assertThat(day.closedReason()).isNull();
		assertThat(day.instruments())
			.extracting(Completeness.InstrumentDay::symbol, Completeness.InstrumentDay::expectedMinutes,
					Completeness.InstrumentDay::presentMinutes)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("CRUDEOIL", 870, 870),
					org.assertj.core.groups.Tuple.tuple("RELIANCE", 375, 0));
		// Dussehra: NSE closed all day, MCX open in the evening
		assertThat(data.completeness(LocalDate.of(2026, 10, 20), mixed).instruments())
			.extracting(Completeness.InstrumentDay::expectedMinutes)
			.containsExactly(390, 0);
		assertThat(data.candles("MCX", "CRUDEOIL", "1h", LocalDate.of(2026, 10, 29), LocalDate.of(2026, 10, 29)))
			.hasSize(15)
			.first()
			.satisfies(bar -> assertThat(bar.ts().toLocalTime()).isEqualTo(java.time.LocalTime.of(9, 0)));
		assertThatThrownBy(() -> data.instruments("XMCX", null, "CRUDEOIL"))
			.hasMessageStartingWith("parameter 'exchange': unknown exchange 'XMCX'; the exchanges are BCD");
	}

	@Test
	void aUniverseOfAnotherExchangeBringsItsExchange() throws Exception {
		JobExecution eod = run(JobNames.HISTORY_BACKFILL, "universe=MCX_TOP", "from=2026-10-20", "to=2026-10-20");
		assertThat(eod.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(eod.getJobParameters().getString(JobRequests.EXCHANGE)).isEqualTo("MCX");
		// Dussehra: MCX's morning closed, evening 17:00-23:30, for all five futures
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'", Long.class))
			.isEqualTo(5 * 390);
		assertThat(stamps("1m", "2026-10-20T00:00", "2026-10-21T00:00")).startsWith(ist("2026-10-20T17:00"));
	}

	@Test
	void theExchangeIsPartOfTheBusinessKeyAndCheckedByName() throws Exception {
		assertThat(run(JobNames.HISTORY_BACKFILL, "symbols=RELIANCE", "from=2026-10-29", "to=2026-10-29")
			.getJobParameters()
			.getString(JobRequests.EXCHANGE)).isEqualTo("NSE");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'", Long.class))
			.isEqualTo(375);
		assertThatThrownBy(() -> run(JobNames.EOD_AGGREGATION, "exchange=LME", "symbols=CRUDEOIL"))
			.isInstanceOf(BadJobRequestException.class)
			.hasMessage("parameter 'exchange': unknown exchange 'LME'; the exchanges are BCD, BFO, BSE, CDS, MCX, "
					+ "NFO, NSE");
		assertThatThrownBy(() -> run(JobNames.EOD_AGGREGATION, "symbols=CRUDEOIL"))
			.isInstanceOf(BadJobRequestException.class)
			.hasMessageStartingWith("parameter 'symbols': unknown symbol(s) CRUDEOIL on NSE");
		// the same day on CDS: 09:00-17:00
		JobExecution cds = run(JobNames.HISTORY_BACKFILL, "exchange=cds", "symbols=USDINR", "from=2026-10-29",
				"to=2026-10-29");
		assertThat(cds.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle WHERE timeframe = '1m'", Long.class))
			.isEqualTo(375 + 480);
	}

}
