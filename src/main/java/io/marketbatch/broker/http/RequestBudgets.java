package io.marketbatch.broker.http;

import io.marketbatch.broker.http.RateLimit.Penalty;
import io.marketbatch.broker.http.RateLimit.Window;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the broker clients get their rate limits: one budget per broker account and limit
 * ({@code kite-historical/<api key>}), shared by every job of the process, and on
 * PostgreSQL by every process on the database (cluster nodes, a command-line run beside
 * the service) through the {@code request_budget} tables. On H2, a single process, the
 * budgets stay in memory.
 */
public final class RequestBudgets {

	private static final Logger log = LoggerFactory.getLogger(RequestBudgets.class);

	private final @Nullable DataSource dataSource;

	private volatile @Nullable Boolean shared;

	private final Map<String, Ledger> ledgers = new ConcurrentHashMap<>();

	/** Each broker's limit of 1-minute candle requests, for the backfill plan. */
	private final Map<String, RateLimit> candleLimits = new ConcurrentHashMap<>();

	private RequestBudgets(@Nullable DataSource dataSource, @Nullable Boolean shared) {
		this.dataSource = dataSource;
		this.shared = shared;
	}

	/** Budgets of this process alone. */
	public static RequestBudgets inProcess() {
		return new RequestBudgets(null, false);
	}

	/** Budgets shared through this PostgreSQL database. */
	public static RequestBudgets shared(DataSource dataSource) {
		return new RequestBudgets(dataSource, true);
	}

	/**
	 * Shared through the database when it is PostgreSQL, else (H2) in this process; the
	 * database is asked when the first limit is made.
	 */
	public static RequestBudgets forDatabase(DataSource dataSource) {
		return new RequestBudgets(dataSource, null);
	}

	/** Whether the budgets are kept in the database, for every process on it. */
	public boolean isShared() {
		Boolean known = shared;
		if (known == null) {
			known = dataSource != null && isPostgres(dataSource);
			shared = known;
			log.info("broker request budgets kept {}", known ? "in the database, shared by every process on it"
					: "in this process (H2 is single-process)");
		}
		return known;
	}

	/**
	 * The budget of {@code name} (e.g. kite-historical) for one account.
	 * @param account what identifies the account at the broker (api key, client id, app
	 * id); blank: the one account of this installation
	 * @param penalty what a 429 costs; null: a pause of the shortest window
	 */
	public RateLimit limit(String name, @Nullable String account, @Nullable Penalty penalty, Window... windows) {
		List<Window> list = List.of(windows);
		String budget = name + "/" + (account == null || account.isBlank() ? "default" : account.strip());
		Ledger ledger = ledgers.computeIfAbsent(budget, key -> isShared() && dataSource != null
				? new JdbcLedger(dataSource, key) : new LocalLedger(key, Clock.systemUTC()));
		return new RateLimit(name, list, penalty, ledger);
	}

	/**
	 * As {@link #limit}, and the limit {@code broker}'s 1-minute candle requests spend.
	 */
	public RateLimit candleLimit(String broker, String name, @Nullable String account, @Nullable Penalty penalty,
			Window... windows) {
		RateLimit limit = limit(name, account, penalty, windows);
		candleLimits.put(broker, limit);
		return limit;
	}

	/** The limit {@code broker}'s candle requests spend, once its client is made. */
	public Optional<RateLimit> candleLimitOf(String broker) {
		return Optional.ofNullable(candleLimits.get(broker));
	}

	private static boolean isPostgres(DataSource dataSource) {
		try (Connection c = dataSource.getConnection()) {
			return "PostgreSQL".equalsIgnoreCase(c.getMetaData().getDatabaseProductName());
		}
		catch (SQLException e) {
			throw new IllegalStateException("cannot tell which database keeps the request budgets", e);
		}
	}

}
