package io.marketbatch.admin.api;

import io.marketbatch.admin.CalendarHealth;
import io.marketbatch.admin.DataQueries;
import io.marketbatch.admin.ExchangeTime;
import io.marketbatch.admin.InstrumentSearch;
import io.marketbatch.admin.console.ExecutionEvents;
import io.marketbatch.config.MarketBatchProperties;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.market.Instrument;
import io.marketbatch.store.Completeness;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * What the console asks beyond the jobs and data calls: instrument search, completeness
 * over a range of days (the heatmap), the scheduler's nodes, calendar warnings, and the
 * live execution events.
 */
@RestController
@RequestMapping("/api")
@ConditionalOnWebApplication
class ConsoleApi {

	/** The widest heatmap: about three months of trading days. */
	static final int MAX_DAYS = 92;

	private final InstrumentSearch search;

	private final DataQueries data;

	private final ExecutionEvents events;

	private final JdbcClient jdbc;

	private final Clock clock;

	private final MarketBatchProperties properties;

	private final ObjectProvider<CalendarHealth> calendarHealth;

	ConsoleApi(InstrumentSearch search, DataQueries data, ExecutionEvents events, JdbcClient jdbc, Clock clock,
			MarketBatchProperties properties, ObjectProvider<CalendarHealth> calendarHealth) {
		this.search = search;
		this.data = data;
		this.events = events;
		this.jdbc = jdbc;
		this.clock = clock;
		this.properties = properties;
		this.calendarHealth = calendarHealth;
	}

	/** A process of the Quartz cluster (or a command-line run) and its last heartbeat. */
	record Node(String nodeId, String host, long pid, String kind, @Nullable OffsetDateTime startedAt,
			@Nullable OffsetDateTime lastSeen, long secondsSinceSeen) {
	}

	@GetMapping("/instruments")
	List<InstrumentSearch.Match> instruments(@RequestParam(required = false) String q) {
		return search.search(q);
	}

	/** One completeness report per day of [from, to], closed days included (say why). */
	@GetMapping("/data/completeness/days")
	List<Completeness.DayReport> completenessDays(@RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String universe,
			@RequestParam(required = false) String symbols) {
		LocalDate first = DataQueries.date("from", from);
		LocalDate last = DataQueries.date("to", to);
		if (first.isAfter(last)) {
			throw new BadJobRequestException("parameter 'from' (" + first + ") must not be after 'to' (" + last + ")");
		}
		if (ChronoUnit.DAYS.between(first, last) >= MAX_DAYS) {
			throw new BadJobRequestException(
					"parameters 'from'..'to' span more than " + MAX_DAYS + " days; ask for a shorter range");
		}
		List<Instrument> instruments = data.instruments(universe, symbols);
		List<Completeness.DayReport> days = new ArrayList<>();
		for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
			days.add(data.completeness(day, instruments));
		}
		return days;
	}

	@GetMapping("/nodes")
	List<Node> nodes() {
		Instant now = Instant.now();
		return jdbc.sql("SELECT node_id, host, pid, kind, started_at, last_seen FROM batch_node ORDER BY started_at")
			.query((rs, n) -> {
				OffsetDateTime seen = rs.getObject(6, OffsetDateTime.class);
				OffsetDateTime started = rs.getObject(5, OffsetDateTime.class);
				return new Node(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4),
						started == null ? null : ExchangeTime.of(started.toInstant()),
						seen == null ? null : ExchangeTime.of(seen.toInstant()),
						seen == null ? -1 : ChronoUnit.SECONDS.between(seen.toInstant(), now));
			})
			.list();
	}

	/**
	 * What an operator should fix in the calendar: holidays not yet entered for the
	 * coming year, or a calendar that treats every day as open.
	 */
	/**
	 * The calendar component's warnings (mismatches, missing holidays), and always-open.
	 */
	@GetMapping("/calendar/warnings")
	List<String> calendarWarnings() {
		List<String> warnings = new ArrayList<>();
		if (properties.calendar().alwaysOpen()) {
			warnings
				.add("marketbatch.calendar.always-open is set: every day counts as a trading day (demos and tests)");
		}
		CalendarHealth health = calendarHealth.getIfAvailable();
		if (health != null) {
			warnings.addAll(health.warnings());
		}
		return warnings;
	}

	/** Execution progress and status changes, as server-sent events named "execution". */
	@GetMapping(path = "/events", produces = "text/event-stream")
	SseEmitter events() {
		return events.subscribe();
	}

}
