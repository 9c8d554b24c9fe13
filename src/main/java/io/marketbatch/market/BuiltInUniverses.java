package io.marketbatch.market;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The universes shipped with market-batch: {@code NIFTY50} and {@code FNO} (NSE F&O
 * stocks).
 */
public final class BuiltInUniverses {

	public static final String NIFTY50 = "NIFTY50";

	public static final String FNO = "FNO";

	public static final Map<String, String> DESCRIPTIONS = Map.of(NIFTY50, "NIFTY 50 index constituents", FNO,
			"NSE F&O stocks (underlyings of stock futures)");

	private BuiltInUniverses() {
	}

	public static List<String> names() {
		return List.of(NIFTY50, FNO);
	}

	/** The symbols of a built-in universe, in file order. */
	public static List<String> symbols(String universe) {
		String resource = "/universes/" + universe + ".txt";
		try (InputStream in = BuiltInUniverses.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no built-in universe " + universe);
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
