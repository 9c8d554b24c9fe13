package io.marketbatch.admin;

import io.marketbatch.store.UniverseException;
import io.marketbatch.store.UniverseStore;
import io.marketbatch.store.UniverseSummary;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;

/**
 * {@code universe list | show NAME | create NAME SYMBOLS… | add NAME SYMBOLS… | remove NAME
 * SYMBOLS… | merge NEW A B… | delete NAME}: the universes jobs take as {@code universe=}.
 * Symbols may be separate words or comma lists. Exit codes: 0 done, 2 refused (nothing
 * changed).
 */
public class UniverseCommand {

	static final String USAGE = """
			usage: universe list                         every universe (built-in, custom, dynamic)
			       universe show NAME                    its symbols (a dynamic one as of now)
			       universe create NAME SYMBOL…          a custom universe, e.g. universe create MYLIST TCS INFY
			       universe add NAME SYMBOL…             add symbols to a custom universe
			       universe remove NAME SYMBOL…          remove symbols from a custom universe
			       universe merge NEW A B…               a custom universe with every member of A, B, …
			       universe delete NAME                  delete a custom universe""";

	private final UniverseStore store;

	private final PrintStream out;

	private final PrintStream err;

	public UniverseCommand(UniverseStore store, PrintStream out, PrintStream err) {
		this.store = store;
		this.out = out;
		this.err = err;
	}

	public int execute(List<String> words) {
		String action = words.isEmpty() ? "list" : words.get(0);
		List<String> rest = words.isEmpty() ? List.of() : words.subList(1, words.size());
		try {
			return switch (action) {
				case "list" -> list(rest);
				case "show" -> show(one(rest, "show"));
				case "create" -> printed(store.create(name(rest, "create"), symbols(rest), null));
				case "add" -> printed(store.change(name(rest, "add"), symbols(rest), List.of()));
				case "remove" -> printed(store.change(name(rest, "remove"), List.of(), symbols(rest)));
				case "merge" -> printed(store.merge(name(rest, "merge"), symbols(rest), null));
				case "delete" -> delete(one(rest, "delete"));
				default -> usage("unknown universe action '" + action + "'");
			};
		}
		catch (UniverseException e) {
			err.println("error: " + e.getMessage());
			return Commands.BAD_REQUEST;
		}
	}

	private int list(List<String> rest) {
		if (!rest.isEmpty()) {
			return usage("list takes no arguments");
		}
		out.printf("%-16s %-9s %-8s %8s  %-19s  %s%n", "NAME", "KIND", "SOURCE", "MEMBERS", "UPDATED (IST)",
				"DESCRIPTION");
		for (UniverseSummary u : store.list()) {
			out.printf("%-16s %-9s %-8s %8s  %-19s  %s%n", u.name(), u.kind(), u.source(),
					u.members() == null ? "-" : u.members(),
					u.updatedAt() == null ? "-" : ExchangeTime.table(ExchangeTime.of(u.updatedAt().toInstant())),
					u.description());
		}
		return Commands.OK;
	}

	private int show(String name) {
		UniverseSummary universe = store.find(name)
			.orElseThrow(() -> new UniverseException(UniverseException.Kind.NOT_FOUND,
					"no universe named '" + name.toUpperCase(Locale.ROOT) + "' (see: universe list)"));
		List<String> symbols = store.symbols(universe.name());
		out.println(universe.name() + " (" + universe.kind() + ", " + universe.description() + "): " + symbols.size()
				+ " instruments");
		out.println(String.join(" ", symbols));
		return Commands.OK;
	}

	private int printed(UniverseSummary universe) {
		List<String> symbols = store.symbols(universe.name());
		out.println(universe.name() + ": " + symbols.size() + " instruments: " + String.join(" ", symbols));
		return Commands.OK;
	}

	private int delete(String name) {
		store.delete(name);
		out.println("universe " + name.toUpperCase(Locale.ROOT) + " deleted");
		return Commands.OK;
	}

	private int usage(String problem) {
		err.println("error: " + problem);
		err.println(USAGE);
		return Commands.BAD_REQUEST;
	}

	private static String one(List<String> rest, String action) {
		if (rest.size() != 1) {
			throw new UniverseException(UniverseException.Kind.BAD_REQUEST,
					action + " needs one universe name, e.g. universe " + action + " MYLIST");
		}
		return rest.get(0);
	}

	private static String name(List<String> rest, String action) {
		if (rest.size() < 2) {
			throw new UniverseException(UniverseException.Kind.BAD_REQUEST,
					action + " needs a universe name and "
							+ (action.equals("merge") ? "the universes to merge" : "symbols") + ", e.g. universe "
							+ action + (action.equals("merge") ? " BANKS_IT BANKNIFTY IT" : " MYLIST TCS INFY"));
		}
		return rest.get(0);
	}

	/** Everything after the name: words, each possibly a comma list. */
	private static List<String> symbols(List<String> rest) {
		return List.copyOf(new LinkedHashSet<>(rest.subList(1, rest.size())
			.stream()
			.flatMap(word -> Arrays.stream(word.split(",")))
			.map(s -> s.strip().toUpperCase(Locale.ROOT))
			.filter(s -> !s.isEmpty())
			.toList()));
	}

}
