package io.marketbatch.store;

import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.market.Instrument;

import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.jspecify.annotations.Nullable;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The universes as users see and change them: the built-in ones (refreshed by
 * instrumentSync), the custom ones (source {@code custom}, created, changed, merged and
 * deleted here, never touched by instrumentSync) and the dynamic ones (computed from the
 * latest LTP snapshot). Every change is one transaction and checks everything first: an
 * unknown symbol or a taken name changes nothing.
 */
public class UniverseStore {

	public static final String CUSTOM = "custom";

	private static final String NAME_FORM = "a name of letters, digits and _ starting with a letter, up to 64";

	private final JdbcClient jdbc;

	private final InstrumentDirectory directory;

	private final DynamicUniverses dynamic;

	private final String exchange;

	private final Clock clock;

	private final TransactionTemplate transactions;

	public UniverseStore(JdbcClient jdbc, InstrumentDirectory directory, String exchange, Clock clock,
			TransactionTemplate transactions) {
		this.jdbc = jdbc;
		this.directory = directory;
		this.dynamic = new DynamicUniverses(jdbc, exchange);
		this.exchange = exchange;
		this.clock = clock;
		this.transactions = transactions;
	}

	/** Every universe: the stored ones by name, then the dynamic ones. */
	public List<UniverseSummary> list() {
		List<UniverseSummary> all = new ArrayList<>(jdbc.sql("SELECT u.name, u.source, u.description, u.updated_at, "
				+ "(SELECT COUNT(*) FROM universe_member m WHERE m.universe = u.name) FROM universe u ORDER BY u.name")
			.query((rs, n) -> new UniverseSummary(rs.getString(1), UniverseSummary.kind(rs.getString(2)),
					rs.getString(2), rs.getString(3), rs.getInt(5), rs.getObject(4, OffsetDateTime.class)))
			.list());
		for (DynamicUniverses.Ranking ranking : DynamicUniverses.Ranking.values()) {
			all.add(UniverseSummary.dynamic(ranking.name(), ranking));
		}
		return all;
	}

	public Optional<UniverseSummary> find(String name) {
		String upper = name.strip().toUpperCase(Locale.ROOT);
		Optional<DynamicUniverses.Spec> spec = parseDynamic(upper);
		if (spec.isPresent()) {
			return Optional.of(UniverseSummary.dynamic(upper, spec.get().ranking()));
		}
		return list().stream().filter(s -> s.name().equals(upper)).findFirst();
	}

	/** A universe's symbols: sorted, or best first for a dynamic one (as of now). */
	public List<String> symbols(String name) {
		UniverseSummary universe = existing(name);
		if (UniverseSummary.DYNAMIC.equals(universe.kind())) {
			return dynamic.resolve(universe.name());
		}
		return jdbc
			.sql("SELECT i.symbol FROM universe_member m JOIN instrument i ON i.id = m.instrument_id "
					+ "WHERE m.universe = ? ORDER BY i.symbol")
			.param(universe.name())
			.query(String.class)
			.list();
	}

	/** A new custom universe of these symbols (all of them known instruments). */
	public UniverseSummary create(String name, List<String> symbols, @Nullable String description) {
		String upper = newName(name, "name");
		List<Instrument> members = known("symbols", requireSome(symbols));
		return inTransaction(() -> {
			insert(upper, description == null ? "custom list" : description);
			addMembers(upper, members);
			return existing(upper);
		}, upper);
	}

	/**
	 * Replaces a custom universe's members (creating it if it does not exist): the API's
	 * PUT.
	 */
	public UniverseSummary replace(String name, List<String> symbols, @Nullable String description) {
		String upper = name.strip().toUpperCase(Locale.ROOT);
		if (find(upper).isEmpty()) {
			return create(upper, symbols, description);
		}
		UniverseSummary current = changeable(upper);
		List<Instrument> members = known("symbols", requireSome(symbols));
		return inTransaction(() -> {
			jdbc.sql("DELETE FROM universe_member WHERE universe = ?").param(upper).update();
			addMembers(upper, members);
			touch(upper, description == null ? current.description() : description);
			return existing(upper);
		}, upper);
	}

	/** Adds and removes symbols of a custom universe, all checked first. */
	public UniverseSummary change(String name, List<String> add, List<String> remove) {
		String upper = changeable(name).name();
		if (add.isEmpty() && remove.isEmpty()) {
			throw new UniverseException(UniverseException.Kind.BAD_REQUEST,
					"give symbols to 'add' or 'remove', e.g. {\"add\": [\"TCS\"], \"remove\": [\"INFY\"]}");
		}
		List<Instrument> added = add.isEmpty() ? List.of() : known("add", add);
		Set<String> members = new LinkedHashSet<>(symbols(upper));
		List<String> strangers = remove.stream().filter(s -> !members.contains(s)).toList();
		if (!strangers.isEmpty()) {
			throw new UniverseException(UniverseException.Kind.BAD_REQUEST,
					"field 'remove': not in " + upper + ": " + String.join(", ", strangers) + " (nothing was changed)");
		}
		return inTransaction(() -> {
			List<Instrument> fresh = added.stream().filter(i -> !members.contains(i.symbol())).toList();
			addMembers(upper, fresh);
			for (String symbol : remove) {
				jdbc.sql("DELETE FROM universe_member WHERE universe = ? AND instrument_id IN "
						+ "(SELECT id FROM instrument WHERE exchange = ? AND symbol = ?)")
					.params(upper, exchange, symbol)
					.update();
			}
			touch(upper, null);
			return existing(upper);
		}, upper);
	}

	/**
	 * A new custom universe with every member of the given ones (a dynamic one as of
	 * now).
	 */
	public UniverseSummary merge(String name, List<String> from, @Nullable String description) {
		String upper = newName(name, "name");
		if (from.size() < 2) {
			throw new UniverseException(UniverseException.Kind.BAD_REQUEST,
					"field 'from': expected two or more universes to merge, e.g. [\"IT\", \"BANKNIFTY\"]");
		}
		Set<String> union = new LinkedHashSet<>();
		List<String> sources = new ArrayList<>();
		for (String source : from) {
			UniverseSummary universe = find(source)
				.orElseThrow(() -> new UniverseException(UniverseException.Kind.BAD_REQUEST,
						"field 'from': no universe named '" + source + "'"));
			sources.add(universe.name());
			union.addAll(symbols(universe.name()));
		}
		List<Instrument> members = directory.symbols(exchange, List.copyOf(union));
		return inTransaction(() -> {
			insert(upper, description == null ? "union of " + String.join(", ", sources) : description);
			addMembers(upper, members);
			return existing(upper);
		}, upper);
	}

	/** Deletes a custom universe with its members. */
	public void delete(String name) {
		String upper = changeable(name).name();
		transactions.executeWithoutResult(status -> {
			jdbc.sql("DELETE FROM universe_member WHERE universe = ?").param(upper).update();
			jdbc.sql("DELETE FROM universe WHERE name = ?").param(upper).update();
		});
	}

	private UniverseSummary existing(String name) {
		return find(name).orElseThrow(() -> new UniverseException(UniverseException.Kind.NOT_FOUND,
				"no universe named '" + name.strip().toUpperCase(Locale.ROOT) + "'; known: "
						+ String.join(", ", list().stream().map(UniverseSummary::name).toList())));
	}

	/** An existing custom universe; a built-in or dynamic one cannot be changed. */
	private UniverseSummary changeable(String name) {
		UniverseSummary universe = existing(name);
		if (!CUSTOM.equals(universe.kind())) {
			throw new UniverseException(UniverseException.Kind.CONFLICT, universe.name() + " is a " + universe.kind()
					+ " universe and cannot be changed or deleted; merge it into a custom one instead");
		}
		return universe;
	}

	private String newName(String name, String field) {
		String upper = name.strip().toUpperCase(Locale.ROOT);
		if (!upper.matches("[A-Z][A-Z0-9_]{0,63}")) {
			throw new UniverseException(UniverseException.Kind.BAD_REQUEST,
					"field '" + field + "': expected " + NAME_FORM + ", got '" + name + "'");
		}
		if (BuiltInUniverses.isBuiltIn(upper) || DynamicUniverses.isDynamic(upper)) {
			throw new UniverseException(UniverseException.Kind.CONFLICT,
					upper + " is the name of a "
							+ (DynamicUniverses.isDynamic(upper) ? UniverseSummary.DYNAMIC : UniverseSummary.BUILT_IN)
							+ " universe; choose another name");
		}
		if (find(upper).isPresent()) {
			throw new UniverseException(UniverseException.Kind.CONFLICT, "a universe named " + upper
					+ " exists already; change it with add/remove (PATCH) or delete it first");
		}
		return upper;
	}

	private static List<String> requireSome(List<String> symbols) {
		if (symbols.isEmpty()) {
			throw new UniverseException(UniverseException.Kind.BAD_REQUEST,
					"field 'symbols': expected one or more symbols, e.g. [\"RELIANCE\", \"TCS\"]");
		}
		return symbols;
	}

	/** The instruments of these symbols; any unknown one refuses the whole change. */
	private List<Instrument> known(String field, List<String> symbols) {
		List<Instrument> found = directory.symbols(exchange, symbols);
		Set<String> unknown = new LinkedHashSet<>(symbols);
		found.forEach(i -> unknown.remove(i.symbol()));
		if (!unknown.isEmpty()) {
			throw new UniverseException(UniverseException.Kind.BAD_REQUEST,
					"field '" + field + "': unknown " + exchange + " symbol(s) " + String.join(", ", unknown)
							+ " (nothing was changed; run instrumentSync first if they are new listings)");
		}
		return found;
	}

	private UniverseSummary inTransaction(java.util.function.Supplier<UniverseSummary> work, String name) {
		try {
			return transactions.execute(status -> work.get());
		}
		catch (DuplicateKeyException e) {
			throw new UniverseException(UniverseException.Kind.CONFLICT,
					"a universe named " + name + " was created meanwhile; nothing was changed");
		}
	}

	private void insert(String name, String description) {
		jdbc.sql("INSERT INTO universe (name, description, source, updated_at) VALUES (?, ?, ?, ?)")
			.params(name, truncate(description), CUSTOM, now())
			.update();
	}

	private void touch(String name, @Nullable String description) {
		if (description == null) {
			jdbc.sql("UPDATE universe SET updated_at = ? WHERE name = ?").params(now(), name).update();
		}
		else {
			jdbc.sql("UPDATE universe SET updated_at = ?, description = ? WHERE name = ?")
				.params(now(), truncate(description), name)
				.update();
		}
	}

	private void addMembers(String name, List<Instrument> members) {
		members.stream()
			.map(Instrument::id)
			.distinct()
			.sorted(Comparator.naturalOrder())
			.forEach(id -> jdbc.sql("INSERT INTO universe_member (universe, instrument_id) VALUES (?, ?)")
				.params(name, id)
				.update());
	}

	private OffsetDateTime now() {
		return OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	private static String truncate(String description) {
		return description.length() <= 200 ? description : description.substring(0, 200);
	}

	private static Optional<DynamicUniverses.Spec> parseDynamic(String name) {
		try {
			return DynamicUniverses.parse(name);
		}
		catch (IllegalArgumentException e) {
			throw new UniverseException(UniverseException.Kind.BAD_REQUEST, e.getMessage());
		}
	}

}
