package io.marketbatch.market;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

/**
 * The shipped lists: every row of the index has a file that says which index it copies,
 * with a date; the lists have their index's size; the simulator's NSE master holds them
 * all.
 */
class BuiltInUniversesTest {

	/** The size each NSE index publishes (methodology documents). */
	private static final Map<String, Integer> INDEX_SIZES = Map.of("NIFTY50", 50, "NIFTYNEXT50", 50, "IT", 10, "AUTO",
			15, "METAL", 15, "FMCG", 15, "REALTY", 10, "MEDIA", 10, "PHARMA", 20);

	private static String file(String name) throws IOException {
		try (InputStream in = BuiltInUniverses.class.getResourceAsStream("/universes/" + name + ".txt")) {
			assertThat(in).as(name + ".txt").isNotNull();
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Test
	void everyShippedListNamesItsSourceAndDateAndHasNoDuplicates() throws IOException {
		assertThat(BuiltInUniverses.names()).contains("NIFTY50", "FNO", "BANKNIFTY", "NIFTYNEXT50", "IT", "PHARMA",
				"AUTO", "METAL", "ENERGY", "FMCG", "REALTY", "MEDIA");
		for (BuiltInUniverses.Shipped shipped : BuiltInUniverses.shipped()) {
			String text = file(shipped.name());
			assertThat(text.lines().findFirst().orElseThrow()).as(shipped.name()).startsWith("# ");
			if (shipped.exchange().equals("NSE") && !shipped.name().equals("FNO")) {
				assertThat(text).as(shipped.name()).contains("NIFTY");
			}
			assertThat(shipped.asOf()).as(shipped.name())
				.isBetween(LocalDate.of(2025, 1, 1), LocalDate.of(2026, 12, 31));
			List<String> symbols = BuiltInUniverses.symbols(shipped.name());
			assertThat(symbols).as(shipped.name()).isNotEmpty().doesNotHaveDuplicates();
			assertThat(symbols).as(shipped.name()).allMatch(s -> s.matches("[A-Z0-9&-]+"));
			if (INDEX_SIZES.containsKey(shipped.name())) {
				assertThat(symbols).as(shipped.name()).hasSize(INDEX_SIZES.get(shipped.name()));
			}
		}
		assertThat(BuiltInUniverses.symbols("BANKNIFTY")).hasSizeBetween(12, 14);
		Set<String> next = new HashSet<>(BuiltInUniverses.symbols("NIFTYNEXT50"));
		next.retainAll(BuiltInUniverses.symbols("NIFTY50"));
		assertThat(next).as("NIFTY 50 and NIFTY NEXT 50 are disjoint").isEmpty();
	}

	@Test
	void theSimulatorsNseSymbolsHoldEveryShippedNseList() {
		Set<String> all = new TreeSet<>();
		BuiltInUniverses.shipped()
			.stream()
			.filter(s -> s.exchange().equals("NSE"))
			.forEach(s -> all.addAll(BuiltInUniverses.symbols(s.name())));
		assertThat(BuiltInUniverses.symbolsOf("NSE")).containsExactlyElementsOf(all);
		assertThat(BuiltInUniverses.symbolsOf("NOSUCH")).isEmpty();
	}

}
