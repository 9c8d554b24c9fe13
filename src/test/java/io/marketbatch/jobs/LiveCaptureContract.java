package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.broker.sim.SimFaults;
import io.marketbatch.broker.sim.SimProperties;
import io.marketbatch.broker.sim.SimTrading;
import io.marketbatch.broker.sim.SimulatedBroker;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.market.Candle;
import io.marketbatch.market.Instrument;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarRepository;
import io.marketbatch.store.Completeness;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.support.FastClock;
import io.marketbatch.support.TestData;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * liveCapture end to end on the simulator's feed and a real database, on a clock that
 * runs 20 times faster than the wall clock (a minute passes in 3 s), so the watermark,
 * the feed and the checkpoints work as they would live.
 */
@SpringBootTest(
		properties = { "marketbatch.progress=false", "marketbatch.retry.backoff=PT0.01S", "spring.main.banner-mode=off",
				"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@Import(FastClock.Config.class)
abstract class LiveCaptureContract {

	static final List<String> THREE = List.of("M&M", "RELIANCE", "TCS");

	/** Friday 2026-11-20, a trading day (09:15-15:30 IST). */
	static final LocalDate DAY = LocalDate.of(2026, 11, 20);

	@Autowired
	FastClock clock;

	@Autowired
	JobLaunches jobs;

	@Autowired
	ExecutionControl control;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	@Autowired
	CalendarRepository calendars;

	@Autowired
	InstrumentDirectory directory;

	@Autowired
	Completeness completeness;

	@BeforeEach
	void cleanSlate() {
		TestData.clean(jdbc, jobRepository, broker);
	}

	static Instant ist(String time) {
		return DAY.atTime(java.time.LocalTime.parse(time)).atZone(TradingCalendar.IST).toInstant();
	}

	JobExecution start(Map<String, String> params) throws Exception {
		Map<String, String> all = new HashMap<>(params);
		all.putIfAbsent("symbols", String.join(",", THREE));
		return jobs.launchAsync(JobNames.LIVE_CAPTURE, jobs.prepare(JobNames.LIVE_CAPTURE, all, false)).execution();
	}

	JobExecution awaitEnd(long id) {
		await().atMost(Duration.ofSeconds(20)).until(() -> !control.execution(id).isRunning());
		return control.execution(id);
	}

	/** The live 1-minute candles stored, by symbol and minute. */
	Map<String, Candle> liveCandles() {
		Map<String, Candle> candles = new HashMap<>();
		for (Instrument instrument : directory.symbols(THREE)) {
			jdbc.query("SELECT ts, open, high, low, close, volume FROM candle WHERE instrument_id = ? AND "
					+ "timeframe = '1m' AND source = 'live'", rs -> {
						Instant ts = rs.getObject(1, OffsetDateTime.class).toInstant();
						candles.put(instrument.symbol() + "@" + ts,
								new Candle(instrument.id(), io.marketbatch.market.Timeframe.M1, ts, rs.getBigDecimal(2),
										rs.getBigDecimal(3), rs.getBigDecimal(4), rs.getBigDecimal(5), rs.getLong(6),
										null));
					}, instrument.id());
		}
		return candles;
	}

	/** The simulator's candles of the day as its history serves them, once settled. */
	Map<String, Candle> history() {
		Clock later = Clock.fixed(ist("23:00"), TradingCalendar.IST);
		SimulatedBroker sim = new SimulatedBroker(calendars, later,
				new SimFaults(later, Duration.ZERO, 0, null, null, 1), SimTrading.PERFECT);
		Map<String, Candle> candles = new HashMap<>();
		for (Instrument instrument : directory.symbols(THREE)) {
			sim.minuteCandles(instrument, DAY, DAY).forEach(c -> candles.put(instrument.symbol() + "@" + c.ts(), c));
		}
		return candles;
	}

	@Test
	void capturesFinishedMinutesAsTheSimulatorsCandlesAndResumesAfterARestart() throws Exception {
		clock.set(ist("10:00:50"));
		JobExecution first = start(Map.of());
		// joined mid-session at 10:00:50: 10:00 was seen in part, so it is missed; the
		// feed's snapshot of the 10:00:45 trade is the volume baseline, so 10:01 is good
		Instant first1 = ist("10:01");
		Instant second1 = ist("10:02");
		await().atMost(Duration.ofSeconds(30)).until(() -> liveCandles().size() >= 6);
		control.stop(first.getId());
		assertThat(awaitEnd(first.getId()).getStatus()).isEqualTo(BatchStatus.STOPPED);
		Map<String, Candle> live = liveCandles();
		Map<String, Candle> history = history();
		for (String symbol : THREE) {
			for (Instant minute : List.of(first1, second1)) {
				Candle got = live.get(symbol + "@" + minute);
				Candle want = history.get(symbol + "@" + minute);
				assertThat(got).as(symbol + " " + minute).isNotNull();
				assertThat(List.of(got.open(), got.high(), got.low(), got.close()))
					.usingElementComparator(BigDecimal::compareTo)
					.containsExactly(want.open(), want.high(), want.low(), want.close());
				assertThat(got.volume()).isEqualTo(want.volume());
			}
			assertThat(live).doesNotContainKeys(symbol + "@" + ist("10:00"));
		}
		Instrument tcs = directory.symbols(List.of("TCS")).get(0);
		List<Instant> missing = completeness.missingMinutes(tcs.id(), DAY, ist("10:04"));
		assertThat(missing).contains(ist("09:15"), ist("10:00")).doesNotContain(first1, second1);
		// the checkpoint: the last finished minute written
		long checkpoint = control.execution(first.getId())
			.getStepExecutions()
			.stream()
			.filter(s -> s.getStepName().equals("captureMinutes"))
			.findFirst()
			.orElseThrow()
			.getExecutionContext()
			.getLong("liveCapture.minutes.last.minute");
		Instant newest = live.values().stream().map(Candle::ts).max(Instant::compareTo).orElseThrow();
		assertThat(Instant.ofEpochSecond(checkpoint)).isAfterOrEqualTo(newest);
		// a restart a few minutes later resumes: the minutes in between stay missing
		Instant downUntil = clock.instant().plusSeconds(120);
		clock.set(downUntil);
		JobExecution resumed = control.restartAsync(first.getId());
		Instant firstBack = Instant.ofEpochSecond(downUntil.getEpochSecond() / 60 * 60 + 120);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> liveCandles().keySet().stream().anyMatch(k -> k.endsWith("@" + firstBack)));
		control.stop(resumed.getId());
		assertThat(awaitEnd(resumed.getId()).getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(resumed.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());
		Instant lost = Instant.ofEpochSecond(downUntil.getEpochSecond() / 60 * 60 - 60);
		assertThat(completeness.missingMinutes(tcs.id(), DAY, firstBack.plusSeconds(60))).contains(lost);
	}

	@Test
	void gapFillAsksOnlyForWhatTheStreamMissedAndTheDailyBackfillReplacesLiveCandles() throws Exception {
		clock.set(ist("09:14:40"));
		JobExecution capture = start(Map.of());
		// connected before the open: every minute from 09:15 is good
		await().atMost(Duration.ofSeconds(40)).until(() -> liveCandles().size() >= 3 * 7);
		control.stop(capture.getId());
		awaitEnd(capture.getId());
		SimFaults faults = TestData.simFaults(broker);
		long before = faults.requestCount();
		JobExecution gapFill = jobs
			.launch(JobNames.GAP_FILL,
					jobs.prepare(JobNames.GAP_FILL,
							Map.of("runAt", "2026-11-20T09:20", "symbols", String.join(",", THREE)), false))
			.execution();
		assertThat(gapFill.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		// every settled minute since the open was answered live: not one request
		assertThat(faults.requestCount() - before).isZero();
		// a live candle of a minute the broker has no trade for (CAMS misses a fifth of
		// its
		// minutes in the simulator)
		Instrument cams = directory.symbols(List.of("CAMS")).get(0);
		Clock later = Clock.fixed(ist("23:00"), TradingCalendar.IST);
		List<Candle> camsHistory = new SimulatedBroker(calendars, later,
				new SimFaults(later, Duration.ZERO, 0, null, null, 1),
				SimTrading.parse(SimProperties.DEFAULT_NO_TRADE, Duration.ZERO, Duration.ZERO, List.of()))
			.minuteCandles(cams, DAY, DAY);
		java.util.Set<Instant> traded = new java.util.HashSet<>(camsHistory.stream().map(Candle::ts).toList());
		Instant quiet = calendars.load()
			.expectedMinutes(DAY)
			.stream()
			.filter(m -> !traded.contains(m))
			.findFirst()
			.orElseThrow();
		jdbc.update(
				"INSERT INTO candle (instrument_id, timeframe, ts, open, high, low, close, volume, source, "
						+ "updated_at) VALUES (?, '1m', ?, 10, 11, 9, 10, 5, 'live', ?)",
				cams.id(), quiet.atOffset(java.time.ZoneOffset.UTC), quiet.atOffset(java.time.ZoneOffset.UTC));
		// after the close the daily backfill replaces every live candle with the broker's
		clock.set(ist("16:30"));
		JobExecution daily = jobs
			.launch(JobNames.DAILY_BACKFILL, jobs.prepare(JobNames.DAILY_BACKFILL,
					Map.of("businessDate", DAY.toString(), "symbols", String.join(",", THREE) + ",CAMS"), false))
			.execution();
		assertThat(daily.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle WHERE source = 'live'", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM candle WHERE timeframe = '1m' AND source = 'sim'",
				Long.class))
			.isEqualTo(3 * 375 + camsHistory.size());
		TestData.assertBarsFollowMinutes(jdbc);
	}

	@Test
	void aPastDayIsRefusedAClosedDayIsANoOpAndARejectedTokenFailsTheRun() throws Exception {
		clock.set(ist("11:00"));
		assertThatThrownBy(() -> jobs.prepare(JobNames.LIVE_CAPTURE, Map.of("date", "2026-11-19"), false))
			.isInstanceOf(BadJobRequestException.class)
			.hasMessageContaining("parameter 'date' (2026-11-19) is past");
		// Saturday
		clock.set(ist("11:00").plus(Duration.ofDays(1)));
		JobExecution weekend = awaitEnd(start(Map.of()).getId());
		assertThat(weekend.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(weekend.getExitStatus().getExitDescription()).startsWith("market closed");
		clock.set(ist("11:00"));
		TestData.simFaults(broker).rejectToken(true);
		JobExecution rejected = awaitEnd(start(Map.of()).getId());
		assertThat(rejected.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(rejected.getExitStatus().getExitDescription()).contains("rejected the access token");
	}

}
