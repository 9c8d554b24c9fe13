package io.marketbatch.admin;

import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.store.Completeness;

import java.io.PrintStream;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;

/**
 * The commands that need the database and nothing else: {@code status},
 * {@code executions}, {@code show}, {@code completeness} and {@code calendar} (which can
 * add a session). They run in the lean {@link QueryContext}. Exit codes: 0 answered, 2 a
 * bad request.
 */
public class QueryCommands {

	public static final List<String> COMMANDS = List.of("status", "executions", "show", "completeness", "calendar");

	private final ExecutionReport report;

	/** Built on first use: only {@code completeness} asks about the data. */
	private final Supplier<DataQueries> data;

	/** Built on first use: only {@code show} reads executions through it. */
	private final Supplier<JobRepository> repository;

	/** Built on first use: only {@code calendar} edits the calendar. */
	private final Supplier<CalendarCommand> calendar;

	private final PrintStream out;

	private final PrintStream err;

	public QueryCommands(ExecutionReport report, Supplier<DataQueries> data, Supplier<JobRepository> repository,
			Supplier<CalendarCommand> calendar, PrintStream out, PrintStream err) {
		this.report = report;
		this.data = data;
		this.repository = repository;
		this.calendar = calendar;
		this.out = out;
		this.err = err;
	}

	public static boolean handles(String command) {
		return COMMANDS.contains(command);
	}

	public int execute(CommandLine line) {
		try {
			return switch (line.command()) {
				case "status" -> status(line);
				case "executions" -> executions(line);
				case "show" -> show(line);
				case "completeness" -> completeness(line);
				case "calendar" -> calendar.get().execute(line.words(), line.options().get("exchange"));
				default -> throw new IllegalArgumentException("not a query command: " + line.command());
			};
		}
		catch (BadJobRequestException e) {
			err.println("error: " + e.getMessage());
			return Commands.BAD_REQUEST;
		}
	}

	private int status(CommandLine line) {
		String job = line.words().isEmpty() ? null : knownJob(line.words().get(0));
		report.printRecent(job, 20, out);
		return Commands.OK;
	}

	private int executions(CommandLine line) {
		if (line.words().size() != 1) {
			throw new BadJobRequestException(
					"executions needs a job, e.g. executions historyBackfill [--status FAILED] [--limit 50]");
		}
		String job = knownJob(line.words().get(0));
		int limit = limit(line);
		String status = line.options().get("status");
		List<ExecutionReport.Row> rows = report.recent(job, status == null ? null : status.toUpperCase(), limit);
		report.printRows(rows, job, out);
		return Commands.OK;
	}

	private int show(CommandLine line) {
		long id = executionId(line, "show");
		JobExecution execution = execution(id)
			.orElseThrow(() -> new BadJobRequestException("no job execution with id " + id));
		report.printSummary(execution, out);
		return Commands.OK;
	}

	private Optional<JobExecution> execution(long id) {
		try {
			return Optional.ofNullable(repository.get().getJobExecution(id));
		}
		catch (EmptyResultDataAccessException e) {
			return Optional.empty();
		}
	}

	private int completeness(CommandLine line) {
		Map<String, String> raw = new LinkedHashMap<>(JobRequests.parseAssignments(line.words()));
		raw.putAll(line.options());
		LocalDate date = DataQueries.date("date", raw.get("date"));
		DataQueries data = this.data.get();
		Completeness.DayReport day = data.completeness(date,
				data.instruments(raw.get("exchange"), raw.get("universe"), raw.get("symbols")));
		if (day.closedReason() != null) {
			out.println(date + ": market closed (" + day.closedReason() + "); no minutes expected");
			return Commands.OK;
		}
		out.printf("%-14s %9s %8s %8s %8s %8s  %s%n", "SYMBOL", "EXPECTED", "PRESENT", "NO-TRADE", "MISSING", "PERCENT",
				"MISSING RANGES (IST)");
		int complete = 0;
		for (Completeness.InstrumentDay c : day.instruments()) {
			complete += c.missing().isEmpty() ? 1 : 0;
			String missing = c.missing()
				.stream()
				.limit(5)
				.map(r -> r.from().toLocalTime() + "-" + r.to().toLocalTime() + " (" + r.minutes() + ")")
				.reduce((a, b) -> a + ", " + b)
				.orElse("");
			out.printf("%-14s %9d %8d %8d %8d %7s%%  %s%s%n", c.symbol(), c.expectedMinutes(), c.presentMinutes(),
					c.noTradeMinutes(), c.missingMinutes(), c.percent(), missing,
					c.missing().size() > 5 ? ", … " + (c.missing().size() - 5) + " more" : "");
		}
		out.printf("%s: %d of %d instruments complete%n", date, complete, day.instruments().size());
		return Commands.OK;
	}

	/** The job names are fixed, so checking one needs no job beans. */
	private static String knownJob(String job) {
		if (!JobNames.ALL.contains(job)) {
			throw JobRequests.unknownJob(job, JobNames.ALL);
		}
		return job;
	}

	private static long executionId(CommandLine line, String command) {
		if (line.words().size() != 1 || !line.words().get(0).matches("\\d+")) {
			throw new BadJobRequestException(
					command + " needs one execution id, e.g. " + command + " 42 (see: status)");
		}
		return Long.parseLong(line.words().get(0));
	}

	private static int limit(CommandLine line) {
		String value = line.options().getOrDefault("limit", "20");
		try {
			int limit = Integer.parseInt(value);
			if (limit >= 1 && limit <= 500) {
				return limit;
			}
		}
		catch (NumberFormatException e) {
			// reported below
		}
		throw new BadJobRequestException("--limit: expected a number from 1 to 500, got '" + value + "'");
	}

}
