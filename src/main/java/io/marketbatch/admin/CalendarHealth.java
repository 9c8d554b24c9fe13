package io.marketbatch.admin;

import io.marketbatch.market.TradingCalendar;
import io.marketbatch.store.CalendarMismatches;
import io.marketbatch.store.CalendarRepository;

import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Whether the calendar can be trusted: days a broker traded while it said closed (not yet
 * fixed), and years it holds no holiday for. Both report WARN in the {@code calendar}
 * health group (HTTP 200) and are logged at start.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "marketbatch.service", havingValue = "true")
public class CalendarHealth {

	/** The calendar needs an operator's look; the service keeps running. */
	public static final Status WARN = new Status("WARN", "the calendar needs an operator's look");

	private static final Logger log = LoggerFactory.getLogger(CalendarHealth.class);

	private final CalendarRepository calendars;

	private final CalendarMismatches mismatches;

	private final Clock clock;

	public CalendarHealth(CalendarRepository calendars, CalendarMismatches mismatches, Clock clock) {
		this.calendars = calendars;
		this.mismatches = mismatches;
		this.clock = clock;
	}

	@Bean
	HealthIndicator calendarHealthIndicator() {
		return () -> {
			List<String> warnings = warnings();
			Health.Builder health = warnings.isEmpty() ? Health.up() : Health.status(WARN);
			return health.withDetail("exchange", calendars.exchange()).withDetail("warnings", warnings).build();
		};
	}

	@EventListener(ApplicationReadyEvent.class)
	void warnAtStart() {
		warnings().forEach(warning -> log.warn("calendar: {}", warning));
	}

	/** What is wrong with the calendar now, one sentence each with its fix. */
	public List<String> warnings() {
		TradingCalendar calendar = calendars.load();
		List<String> warnings = new ArrayList<>(holidayGaps());
		Map<LocalDate, CalendarMismatches.Mismatch> open = new LinkedHashMap<>();
		for (CalendarMismatches.Mismatch m : mismatches.all()) {
			if (!calendar.isOpen(m.firstMinute())) {
				open.put(m.day(), m);
			}
		}
		open.values()
			.forEach(m -> warnings.add("the broker traded " + m.instrument() + " on " + m.day() + " "
					+ m.day().getDayOfWeek() + " at " + io.marketbatch.jobs.CalendarDrift.hours(m, calendar)
					+ " IST, which the calendar calls closed; fix: "
					+ io.marketbatch.jobs.CalendarDrift.fixCommand(m, calendar)));
		return warnings;
	}

	private List<String> holidayGaps() {
		if (calendars.alwaysOpen()) {
			return List.of();
		}
		Set<Integer> years = calendars.yearsWithHolidays();
		int year = LocalDate.now(clock.withZone(TradingCalendar.IST)).getYear();
		List<String> gaps = new ArrayList<>();
		for (int y : List.of(year, year + 1)) {
			if (!years.contains(y)) {
				gaps.add("the " + calendars.exchange() + " calendar holds no holiday for " + y
						+ ": every weekday counts as a trading day; add the exchange's holidays to trading_day"
						+ " (or, with Upstox, run instrumentSync, which loads them)");
			}
		}
		return gaps;
	}

}
