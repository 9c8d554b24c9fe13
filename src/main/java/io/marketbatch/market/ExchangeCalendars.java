package io.marketbatch.market;

/**
 * The trading calendar of each exchange by its broker code (NSE, BSE, NFO, BFO, CDS, BCD,
 * MCX), read fresh at every call so an operator's edit applies at once.
 */
@FunctionalInterface
public interface ExchangeCalendars {

	/**
	 * @throws IllegalArgumentException for an exchange the calendar does not know
	 */
	TradingCalendar of(String exchange);

}
