package io.marketbatch.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.marketbatch.broker.MarketDataSource;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.store.InstrumentDirectory;
import io.marketbatch.store.UniverseException;
import io.marketbatch.store.UniverseStore;
import io.marketbatch.support.SettableClock;
import io.marketbatch.support.TestData;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

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
 * Universes against a real database (H2 and PostgreSQL subclasses): every shipped list
 * resolves fully on the simulated broker, custom universes change only as asked and
 * survive instrumentSync, a job takes a custom universe, and a dynamic universe is ranked
 * from the latest snapshot at launch and stays the same across a restart.
 */
@SpringBootTest(properties = { "marketbatch.now=2026-11-20T12:00:00Z", "marketbatch.progress=false",
		"marketbatch.retry.backoff=PT0.01S", "spring.main.banner-mode=off",
		"spring.autoconfigure.exclude=org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration" })
@Import(SettableClock.Config.class)
abstract class UniversesContract {

	@Autowired
	SettableClock clock;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobLaunches jobs;

	@Autowired
	ExecutionControl control;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	MarketDataSource broker;

	@Autowired
	InstrumentDirectory directory;

	@Autowired
	UniverseStore universes;

	@BeforeEach
	void cleanSlate() {
		clock.reset();
		TestData.clean(jdbc, jobRepository, broker);
		jdbc.update(
				"DELETE FROM universe_member WHERE universe IN (SELECT name FROM universe WHERE source = 'custom')");
		jdbc.update("DELETE FROM universe WHERE source = 'custom'");
	}

	JobExecution run(String job, String... assignments) throws Exception {
		return jobs.launch(job, prepare(job, assignments)).execution();
	}

	JobParameters prepare(String job, String... assignments) {
		return jobs.prepare(job, JobRequests.parseAssignments(List.of(assignments)), false);
	}

	/** The members as stored, read with plain SQL. */
	Set<String> members(String universe) {
		return new TreeSet<>(jdbc.queryForList("SELECT i.symbol FROM universe_member m JOIN instrument i "
				+ "ON i.id = m.instrument_id WHERE m.universe = ?", String.class, universe));
	}

	Set<String> candleSymbols() {
		return new TreeSet<>(jdbc.queryForList(
				"SELECT DISTINCT i.symbol FROM candle c JOIN instrument i ON i.id = c.instrument_id", String.class));
	}

	@Test
	void everyShippedUniverseResolvesAllItsSymbolsAfterTheSimulatorsInstrumentSync() throws Exception {
		assertThat(run(JobNames.INSTRUMENT_SYNC, "businessDate=2026-11-20").getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(BuiltInUniverses.names()).contains("NIFTY50", "FNO", "BANKNIFTY", "NIFTYNEXT50", "IT", "PHARMA",
				"AUTO", "METAL", "ENERGY", "FMCG", "REALTY", "MEDIA");
		for (String name : BuiltInUniverses.names()) {
			Set<String> shipped = new TreeSet<>(BuiltInUniverses.symbols(name));
			assertThat(members(name)).as(name).isEqualTo(shipped);
			assertThat(directory.universe(name)).as(name).hasSize(shipped.size());
		}
	}

	@Test
	void aCustomUniverseChangesOnlyAsAskedAndSurvivesInstrumentSync() throws Exception {
		universes.create("mylist", List.of("TCS", "INFY", "M&M"), null);
		assertThat(members("MYLIST")).containsExactly("INFY", "M&M", "TCS");
		assertThat(jdbc.queryForObject("SELECT source FROM universe WHERE name = 'MYLIST'", String.class))
			.isEqualTo("custom");

		assertThatThrownBy(() -> universes.change("MYLIST", List.of("RELIANCE", "NOSUCH1", "NOSUCH2"), List.of()))
			.isInstanceOf(UniverseException.class)
			.hasMessageContaining("unknown NSE symbol(s) NOSUCH1, NOSUCH2")
			.hasMessageContaining("nothing was changed");
		assertThatThrownBy(() -> universes.change("MYLIST", List.of("RELIANCE"), List.of("WIPRO")))
			.hasMessageContaining("not in MYLIST: WIPRO");
		assertThat(members("MYLIST")).containsExactly("INFY", "M&M", "TCS");
		universes.change("MYLIST", List.of("RELIANCE", "TCS"), List.of("INFY"));
		assertThat(members("MYLIST")).containsExactly("M&M", "RELIANCE", "TCS");

		assertThatThrownBy(() -> universes.create("OTHER", List.of("TCS", "NOSUCH"), null))
			.hasMessageContaining("NOSUCH");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM universe WHERE name = 'OTHER'", Integer.class)).isZero();

		for (String taken : List.of("NIFTY50", "top_gainers", "MOST_ACTIVE_5", "MYLIST")) {
			assertThatThrownBy(() -> universes.create(taken, List.of("TCS"), null)).isInstanceOfSatisfying(
					UniverseException.class, e -> assertThat(e.kind()).isEqualTo(UniverseException.Kind.CONFLICT));
		}
		assertThatThrownBy(() -> universes.delete("NIFTY50")).isInstanceOfSatisfying(UniverseException.class,
				e -> assertThat(e.kind()).isEqualTo(UniverseException.Kind.CONFLICT));
		assertThat(members("NIFTY50")).hasSize(50);

		universes.merge("BANKS_AND_IT", List.of("BANKNIFTY", "it", "MYLIST"), null);
		Set<String> union = new TreeSet<>(BuiltInUniverses.symbols("BANKNIFTY"));
		union.addAll(BuiltInUniverses.symbols("IT"));
		union.addAll(List.of("M&M", "RELIANCE", "TCS"));
		assertThat(members("BANKS_AND_IT")).isEqualTo(union);

		assertThat(run(JobNames.INSTRUMENT_SYNC, "businessDate=2026-11-20").getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(members("MYLIST")).containsExactly("M&M", "RELIANCE", "TCS");
		assertThat(members("BANKS_AND_IT")).isEqualTo(union);

		universes.delete("mylist");
		assertThat(jdbc.queryForObject("SELECT COUNT(*) FROM universe WHERE name = 'MYLIST'", Integer.class)).isZero();
		assertThat(members("MYLIST")).isEmpty();
		assertThatThrownBy(() -> universes.delete("MYLIST")).isInstanceOfSatisfying(UniverseException.class,
				e -> assertThat(e.kind()).isEqualTo(UniverseException.Kind.NOT_FOUND));
	}

	@Test
	void aJobTakesACustomUniverse() throws Exception {
		universes.create("MYLIST", List.of("TCS", "INFY", "M&M"), null);
		JobExecution execution = run(JobNames.HISTORY_BACKFILL, "from=2026-10-29", "to=2026-10-29", "universe=mylist");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getJobParameters().getString("universe")).isEqualTo("MYLIST");
		assertThat(candleSymbols()).containsExactly("INFY", "M&M", "TCS");
	}

	/** The test's own ranking: each instrument's newest row, sorted in Java. */
	List<String> ranked(String column, boolean descending, int size) {
		Map<String, Object[]> newest = new HashMap<>();
		jdbc.query("SELECT i.symbol, l.minute, l." + column + " FROM ltp_snapshot l JOIN instrument i "
				+ "ON i.id = l.instrument_id ORDER BY l.minute", rs -> {
					newest.put(rs.getString(1), new Object[] { rs.getString(1), rs.getObject(3) });
				});
		List<Object[]> rows = new ArrayList<>(newest.values());
		Comparator<Object[]> byValue = Comparator.comparing(r -> new BigDecimal(r[1].toString()));
		rows.sort((descending ? byValue.reversed() : byValue).thenComparing(r -> (String) r[0]));
		return rows.stream().limit(size).map(r -> (String) r[0]).toList();
	}

	@Test
	void aDynamicUniverseIsRankedFromTheLatestSnapshotAtLaunchAndKeptAcrossARestart() throws Exception {
		assertThatThrownBy(
				() -> prepare(JobNames.HISTORY_BACKFILL, "from=2026-10-29", "to=2026-10-29", "universe=TOP_GAINERS"))
			.isInstanceOf(BadJobRequestException.class)
			.hasMessageContaining("run ltpSnapshot");
		clock.setInside("2026-10-29T10:15", 20);
		assertThat(run(JobNames.LTP_SNAPSHOT, "minute=2026-10-29T10:15", "universe=FNO").getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		// a newer minute for some: theirs is the row that counts
		clock.setInside("2026-10-29T10:16", 20);
		assertThat(run(JobNames.LTP_SNAPSHOT, "minute=2026-10-29T10:16", "universe=NIFTY50").getStatus())
			.isEqualTo(BatchStatus.COMPLETED);
		clock.reset();

		JobParameters losers = prepare(JobNames.HISTORY_BACKFILL, "from=2026-10-29", "to=2026-10-29",
				"universe=top_losers");
		assertThat(JobRequests.symbols(losers.getString("symbols")))
			.containsExactlyInAnyOrderElementsOf(ranked("change_pct", false, 20));
		JobParameters active = prepare(JobNames.HISTORY_BACKFILL, "from=2026-10-29", "to=2026-10-29",
				"universe=MOST_ACTIVE_7");
		assertThat(JobRequests.symbols(active.getString("symbols")))
			.containsExactlyInAnyOrderElementsOf(ranked("volume", true, 7));
		assertThatThrownBy(() -> prepare(JobNames.HISTORY_BACKFILL, "from=2026-10-29", "to=2026-10-29",
				"universe=TOP_GAINERS_500"))
			.isInstanceOf(BadJobRequestException.class)
			.hasMessageContaining("TOP_GAINERS_N with N from 1 to 100");

		List<String> gainers = ranked("change_pct", true, 4);
		TestData.simFaults(broker).reset(null, 0, 1L, null);
		JobExecution failed = run(JobNames.HISTORY_BACKFILL, "from=2026-10-29", "to=2026-10-29",
				"universe=TOP_GAINERS_4");
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getJobParameters().getString("universe")).isEqualTo("TOP_GAINERS_4");
		// the market moves on: the top four are others now
		jdbc.update("UPDATE ltp_snapshot SET change_pct = -change_pct");
		assertThat(ranked("change_pct", true, 4)).doesNotContainAnyElementsOf(gainers);
		TestData.simFaults(broker).reset(null, 0, null, null);
		JobExecution restarted = control.restart(failed.getId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(candleSymbols()).isEqualTo(new TreeSet<>(gainers));
		assertThat(new LinkedHashSet<>(universes.symbols("TOP_GAINERS_4"))).doesNotContainAnyElementsOf(gainers);
	}

}
