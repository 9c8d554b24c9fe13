package io.marketbatch.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The universes shipped with market-batch, listed in {@code universes/universes.csv}
 * (name, exchange, the date the list is as of, description), each with its symbols in
 * {@code universes/NAME.txt}.
 */
public final class BuiltInUniverses {

	public static final String NIFTY50 = "NIFTY50";

	public static final String FNO = "FNO";

	/** One shipped universe. */
	public record Shipped(String name, String exchange, LocalDate asOf, String description) {
	}

	private static final Map<String, Shipped> SHIPPED = readIndex();

	/** Description by name, for the {@code universe} table. */
	public static final Map<String, String> DESCRIPTIONS = SHIPPED.values()
		.stream()
		.collect(Collectors.toUnmodifiableMap(Shipped::name, s -> s.description() + " (list as of " + s.asOf() + ")"));

	private BuiltInUniverses() {
	}

	public static List<String> names() {
		return List.copyOf(SHIPPED.keySet());
	}

	public static List<Shipped> shipped() {
		return List.copyOf(SHIPPED.values());
	}

	public static boolean isBuiltIn(String name) {
		return SHIPPED.containsKey(name);
	}

	/**
	 * Every symbol of the shipped lists of {@code exchange}, sorted and without
	 * duplicates: the simulated broker's instrument master for that exchange.
	 */
	public static List<String> symbolsOf(String exchange) {
		return SHIPPED.values()
			.stream()
			.filter(s -> s.exchange().equals(exchange))
			.flatMap(s -> symbols(s.name()).stream())
			.distinct()
			.sorted()
			.toList();
	}

	/** The symbols of a built-in universe, in file order. */
	public static List<String> symbols(String universe) {
		return lines("/universes/" + universe + ".txt");
	}

	private static Map<String, Shipped> readIndex() {
		Map<String, Shipped> index = new LinkedHashMap<>();
		List<String> rows = lines("/universes/universes.csv");
		for (String line : rows.subList(1, rows.size())) {
			String[] f = line.split(",", 4);
			// a row others append may end with a stray blank: names and dates are trimmed
			index.put(f[0].strip(),
					new Shipped(f[0].strip(), f[1].strip(), LocalDate.parse(f[2].strip()), f[3].strip()));
		}
		return index;
	}

	private static List<String> lines(String resource) {
		try (InputStream in = BuiltInUniverses.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no built-in universe file " + resource);
			}
			return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
				.map(String::strip)
				.filter(line -> !line.isEmpty() && !line.startsWith("#"))
				.toList();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

}
