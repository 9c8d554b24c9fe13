package io.marketbatch.broker.sim;

import io.marketbatch.market.BuiltInUniverses;
import io.marketbatch.market.MasterInstrument;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * The simulator's instrument master: every symbol of the shipped NSE lists, a few BSE
 * equities, MCX near-month futures under plain symbols (CRUDEOIL, GOLD, ...) and the CDS
 * USDINR future. Every symbol is on one exchange only.
 */
final class SimMaster {

	/** MCX near-month futures: symbol, name, lot size, tick size. */
	private static final List<String[]> MCX = List.of(new String[] { "CRUDEOIL", "Crude oil", "100", "1" },
			new String[] { "NATURALGAS", "Natural gas", "1250", "0.10" }, new String[] { "GOLD", "Gold", "1", "1" },
			new String[] { "SILVER", "Silver", "30", "1" }, new String[] { "COPPER", "Copper", "2500", "0.05" });

	/**
	 * BSE equities outside the NSE lists, so a plain symbol names one instrument in the
	 * simulated market.
	 */
	private static final List<String> BSE = List.of("BOMDYEING", "TTKPRESTIG", "SUNDRMFAST", "HONAUT", "3MINDIA");

	private SimMaster() {
	}

	static List<MasterInstrument> instruments() {
		List<MasterInstrument> master = new ArrayList<>();
		BuiltInUniverses.symbolsOf("NSE")
			.forEach(symbol -> master.add(new MasterInstrument("NSE", symbol, null, symbol + " (simulated)", "EQ", 1,
					new BigDecimal("0.05"), "SIM|" + symbol, null)));
		BSE.forEach(symbol -> master.add(new MasterInstrument("BSE", symbol, null, symbol + " (simulated, BSE)", "EQ",
				1, new BigDecimal("0.05"), "SIM|" + symbol, null)));
		MCX.forEach(f -> master.add(new MasterInstrument("MCX", f[0], null, f[1] + " near-month future (simulated)",
				"FUT", Integer.parseInt(f[2]), new BigDecimal(f[3]), "SIM|" + f[0], null)));
		master.add(new MasterInstrument("CDS", "USDINR", null, "USD-INR near-month future (simulated)", "FUT", 1000,
				new BigDecimal("0.0025"), "SIM|USDINR", null));
		return master;
	}

}
