package io.marketbatch.broker.http;

import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.market.MasterInstrument;

import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The universes a broker's instrument master defines: FNO from its stock futures; the
 * index and sector lists (NIFTY50, BANKNIFTY, IT, …) as shipped, since no broker's
 * instrument master carries index membership.
 */
public final class DerivedUniverses {

	private DerivedUniverses() {
	}

	/**
	 * @param futuresUnderlyings the underlying names of the master's live futures; index
	 * futures (NIFTY, BANKNIFTY) drop out because no equity of the master has their name
	 */
	public static Map<String, List<String>> of(Collection<String> futuresUnderlyings, List<MasterInstrument> equities) {
		Set<String> symbols = new HashSet<>();
		equities.forEach(e -> symbols.add(e.symbol()));
		TreeSet<String> fno = new TreeSet<>(futuresUnderlyings);
		fno.retainAll(symbols);
		Map<String, List<String>> universes = new LinkedHashMap<>();
		universes.put(BuiltInUniverses.FNO, List.copyOf(fno));
		BuiltInUniverses.shipped()
			.stream()
			.filter(s -> s.exchange().equals("NSE") && !s.name().equals(BuiltInUniverses.FNO))
			.forEach(s -> universes.put(s.name(), BuiltInUniverses.symbols(s.name())));
		return universes;
	}

}
