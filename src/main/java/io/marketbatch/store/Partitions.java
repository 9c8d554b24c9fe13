package io.marketbatch.store;

import io.marketbatch.market.TradingCalendar;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The monthly partitions of {@code candle} and {@code ltp_snapshot} on PostgreSQL (see
 * {@code sql/postgresql/V14__partition_by_month.sql}): created ahead of time, and old
 * months of {@code ltp_snapshot} dropped whole. Months run in exchange time. A schema
 * without partitions (H2) makes every call a no-op.
 */
public class Partitions {

	/** The tables partitioned by month. */
	public static final List<String> TABLES = List.of("candle", "ltp_snapshot");

	/** Months created after the current one. */
	public static final int MONTHS_AHEAD = 3;

	private static final Logger log = LoggerFactory.getLogger(Partitions.class);

	private static final Pattern MONTH = Pattern.compile("_p(\\d{4})(\\d{2})$");

	private final JdbcClient jdbc;

	private final Clock clock;

	public Partitions(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** Whether this database partitions the market tables (PostgreSQL after V14). */
	public boolean partitioned() {
		return jdbc
			.sql("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA "
					+ "AND table_name = 'candle_default'")
			.query(Long.class)
			.single() > 0;
	}

	/**
	 * The partitions of the current month and the next {@link #MONTHS_AHEAD}, for both
	 * tables; a month whose rows wait in the DEFAULT partition gets them moved in.
	 * Returns the partitions created.
	 */
	public List<String> createAhead() {
		if (!partitioned()) {
			return List.of();
		}
		YearMonth current = YearMonth.now(clock.withZone(TradingCalendar.IST));
		List<String> created = new ArrayList<>();
		for (int ahead = 0; ahead <= MONTHS_AHEAD; ahead++) {
			for (String table : TABLES) {
				created.addAll(create(table, current.plusMonths(ahead)));
			}
		}
		if (!created.isEmpty()) {
			log.info("created partitions {}", created);
		}
		return created;
	}

	/**
	 * {@link #createAhead()} where a failure must not stop the caller (the service's
	 * start): the DEFAULT partitions take every row meanwhile, and the daily housekeeping
	 * job tries again.
	 */
	public void createAheadOrWarn() {
		try {
			createAhead();
		}
		catch (DataAccessException e) {
			log.warn("could not create the monthly partitions ahead (rows go to the DEFAULT partitions until the "
					+ "housekeeping job creates them): {}", e.getMessage());
		}
	}

	/** The partition of {@code table} for {@code month}, unless it exists. */
	public List<String> create(String table, YearMonth month) {
		boolean created = jdbc.sql("SELECT create_month_partition(?, ?)")
			.params(table, month.atDay(1))
			.query(Boolean.class)
			.single();
		return created ? List.of(name(table, month)) : List.of();
	}

	/**
	 * Drops the months of {@code ltp_snapshot} that ended more than {@code retention} ago
	 * (a month is kept while any of its minutes is younger). Returns the partitions
	 * dropped.
	 */
	public List<String> dropLtpOlderThan(Duration retention) {
		if (!partitioned()) {
			return List.of();
		}
		Instant cutoff = clock.instant().minus(retention);
		List<String> dropped = new ArrayList<>();
		for (String partition : months("ltp_snapshot")) {
			Matcher m = MONTH.matcher(partition);
			if (m.find() && !YearMonth.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)))
				.plusMonths(1)
				.atDay(1)
				.atStartOfDay(TradingCalendar.IST)
				.toInstant()
				.isAfter(cutoff)) {
				// the name comes from pg_inherits and matched the monthly pattern
				jdbc.sql("DROP TABLE " + partition).update();
				dropped.add(partition);
			}
		}
		if (!dropped.isEmpty()) {
			log.info("dropped ltp_snapshot partitions older than {}: {}", retention, dropped);
		}
		return dropped;
	}

	/** The monthly partitions of {@code table}, oldest first (DEFAULT not included). */
	public List<String> months(String table) {
		return jdbc
			.sql("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
					+ "WHERE i.inhparent = CAST(? AS regclass) ORDER BY c.relname")
			.param(table)
			.query(String.class)
			.list()
			.stream()
			.filter(name -> MONTH.matcher(name).find())
			.toList();
	}

	static String name(String table, YearMonth month) {
		return String.format("%s_p%04d%02d", table, month.getYear(), month.getMonthValue());
	}

}
