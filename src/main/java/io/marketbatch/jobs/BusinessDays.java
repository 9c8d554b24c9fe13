package io.marketbatch.jobs;

import io.marketbatch.jobs.launch.MarketStatus;
import io.marketbatch.jobs.launch.RawParameters;
import io.marketbatch.market.TradingCalendar;
import io.marketbatch.market.TradingDay;

import java.time.Instant;
import java.time.LocalDate;

/** The rules the jobs of one business day share (dailyBackfill, eodAggregation). */
final class BusinessDays {

	private BusinessDays() {
	}

	/**
	 * The given day, by default the last trading day whose session has ended; never after
	 * today.
	 */
	static LocalDate closedDay(RawParameters raw, String name, Instant now, TradingCalendar calendar) {
		LocalDate day = raw.date(name, calendar.lastCompletedTradingDay(now));
		return RawParameters.notAfter(name, day, calendar.today(now));
	}

	/** Open on a trading day; otherwise the holiday or weekend, with its date. */
	static MarketStatus status(LocalDate date, TradingCalendar calendar) {
		TradingDay day = calendar.day(date);
		return day.isOpen() ? MarketStatus.OPEN : MarketStatus.closed(day.closedReason() + " (" + day.date() + ")");
	}

}
