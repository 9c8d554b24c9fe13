package io.marketbatch.broker.http;

import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.market.MasterInstrument;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Picks, from a broker's instrument master, the near-month future of each commodity the
 * shipped universes name by plain symbol ({@code MCX_TOP}: CRUDEOIL, GOLD, ...): the
 * contract with the earliest expiry not before today. It is stored under the plain
 * symbol, so the instrument keeps its id and history when the contract rolls and only its
 * broker key changes at the next instrumentSync.
 */
public final class NearMonthFutures {

	private record Candidate(LocalDate expiry, MasterInstrument instrument) {
	}

	private final Map<String, Set<String>> wanted = new HashMap<>();

	private final Map<String, Candidate> nearest = new HashMap<>();

	private final LocalDate today;

	public NearMonthFutures(LocalDate today) {
		this.today = today;
		BuiltInUniverses.shipped()
			.stream()
			.filter(u -> !u.exchange().equals("NSE"))
			.forEach(u -> wanted.computeIfAbsent(u.exchange(), e -> new HashSet<>())
				.addAll(BuiltInUniverses.symbols(u.name())));
	}

	/**
	 * Whether a future named {@code name} on {@code exchange} is one the universes want.
	 */
	public boolean wants(String exchange, String name) {
		return wanted.getOrDefault(exchange, Set.of()).contains(name);
	}

	/**
	 * Offers one future row of the master: {@code name} its underlying (CRUDEOIL),
	 * expiring on {@code expiry}; kept when it is nearer than the one kept so far.
	 */
	public void offer(String exchange, String name, LocalDate expiry, MasterInstrument contract) {
		if (!wants(exchange, name) || expiry.isBefore(today)) {
			return;
		}
		nearest.merge(exchange + ":" + name,
				new Candidate(expiry,
						new MasterInstrument(exchange, name, null, contract.name() + " near month (" + expiry + ")",
								"FUT", contract.lotSize(), contract.tickSize(), contract.brokerKey(), name)),
				(kept, offered) -> offered.expiry().isBefore(kept.expiry()) ? offered : kept);
	}

	/** The near-month contracts found, one per wanted name. */
	public List<MasterInstrument> contracts() {
		return nearest.values().stream().map(Candidate::instrument).toList();
	}

}
