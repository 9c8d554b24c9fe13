package io.marketbatch.admin;

import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.jobs.launch.JobSpec;
import io.marketbatch.store.Completeness;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

/**
 * The command-line commands. Exit codes: 0 COMPLETED (a market-closed no-op and an
 * already completed instance included), 1 FAILED or STOPPED, 2 an unknown job or command
 * or a bad parameter (then nothing is launched).
 */
public class Commands {

	public static final int OK = 0;

	public static final int FAILED = 1;

	public static final int BAD_REQUEST = 2;

	private final JobLaunches jobs;

	private final ExecutionControl control;

	private final ExecutionReport report;

	private final DataQueries data;

	private final PrintStream out;

	private final PrintStream err;

	private final Optional<TokenCommand> token;

	public Commands(JobLaunches jobs, ExecutionControl control, ExecutionReport report, DataQueries data,
			PrintStream out, PrintStream err) {
		this(jobs, control, report, data, out, err, Optional.empty());
	}

	public Commands(JobLaunches jobs, ExecutionControl control, ExecutionReport report, DataQueries data,
			PrintStream out, PrintStream err, Optional<TokenCommand> token) {
		this.token = token;
		this.jobs = jobs;
		this.control = control;
		this.report = report;
		this.data = data;
		this.out = out;
		this.err = err;
	}

	public int execute(CommandLine line) {
		try {
			return switch (line.command()) {
				case "run" -> run(line);
				case "restart" -> restart(line);
				case "status" -> status(line);
				case "executions" -> executions(line);
				case "show" -> show(line);
				case "stop" -> stop(line);
				case "completeness" -> completeness(line);
				case "token" -> token.map(command -> command.execute(line)).orElse(BAD_REQUEST);
				case "help" -> help();
				default -> {
					err.println("error: unknown command '" + line.command() + "'; commands: "
							+ String.join(", ", CommandLine.COMMANDS));
					yield BAD_REQUEST;
				}
			};
		}
		catch (BadJobRequestException e) {
			err.println("error: " + e.getMessage());
			if ("run".equals(line.command())) {
				err.println("nothing was launched");
			}
			return BAD_REQUEST;
		}
	}

	private int run(CommandLine line) {
		if (line.words().isEmpty()) {
			throw new BadJobRequestException("run needs a job: " + String.join(", ", JobNames.ALL));
		}
		String job = line.words().get(0);
		jobs.job(job);
		Map<String, String> raw = new LinkedHashMap<>();
		if (line.paramsFile() != null) {
			raw.putAll(preset(line.paramsFile()));
		}
		// explicit name=value words win over the preset's
		raw.putAll(JobRequests.parseAssignments(line.words().subList(1, line.words().size())));
		JobParameters parameters = jobs.prepare(job, raw, line.rerun());
		JobLaunches.Launch launch;
		try {
			launch = jobs.launch(job, parameters);
		}
		catch (Exception e) {
			err.println("error: " + job + " could not be launched: " + e.getMessage());
			return FAILED;
		}
		JobExecution execution = launch.execution();
		switch (launch.outcome()) {
			case ALREADY_COMPLETED -> {
				out.println(job + " with these parameters already COMPLETED as execution " + execution.getId()
						+ "; nothing to do (add --rerun to run it again on purpose)");
				return OK;
			}
			case ALREADY_RUNNING -> {
				err.println(job + " with these parameters is running now as execution " + execution.getId());
				return FAILED;
			}
			default -> {
				report.printSummary(execution, out);
				return exitCode(execution);
			}
		}
	}

	private int restart(CommandLine line) {
		long id = executionId(line, "restart");
		JobExecution execution;
		try {
			execution = control.restart(id);
		}
		catch (BadJobRequestException e) {
			throw e;
		}
		catch (Exception e) {
			err.println("error: restart of execution " + id + " failed: " + e.getMessage());
			return FAILED;
		}
		report.printSummary(execution, out);
		return exitCode(execution);
	}

	private int status(CommandLine line) {
		String job = line.words().isEmpty() ? null : line.words().get(0);
		if (job != null) {
			jobs.job(job);
		}
		report.printRecent(job, 20, out);
		return OK;
	}

	private int executions(CommandLine line) {
		if (line.words().size() != 1) {
			throw new BadJobRequestException(
					"executions needs a job, e.g. executions historyBackfill [--status FAILED] [--limit 50]");
		}
		String job = line.words().get(0);
		jobs.job(job);
		int limit = limit(line);
		String status = line.options().get("status");
		List<ExecutionReport.Row> rows = report.recent(job, status == null ? null : status.toUpperCase(), limit);
		report.printRows(rows, job, out);
		return OK;
	}

	private int show(CommandLine line) {
		report.printSummary(control.execution(executionId(line, "show")), out);
		return OK;
	}

	private int stop(CommandLine line) {
		long id = executionId(line, "stop");
		try {
			JobExecution execution = control.stop(id);
			out.println("execution " + id + " (" + execution.getJobInstance().getJobName()
					+ ") will stop at its next chunk boundary; resume it with: restart " + id);
			return OK;
		}
		catch (BadJobRequestException e) {
			throw e;
		}
		catch (Exception e) {
			err.println("error: stop of execution " + id + " failed: " + e.getMessage());
			return FAILED;
		}
	}

	private int completeness(CommandLine line) {
		Map<String, String> raw = new LinkedHashMap<>(JobRequests.parseAssignments(line.words()));
		raw.putAll(line.options());
		LocalDate date = DataQueries.date("date", raw.get("date"));
		Completeness.DayReport day = data.completeness(date, data.instruments(raw.get("universe"), raw.get("symbols")));
		if (day.closedReason() != null) {
			out.println(date + ": market closed (" + day.closedReason() + "); no minutes expected");
			return OK;
		}
		out.printf("%-14s %9s %8s %8s  %s%n", "SYMBOL", "EXPECTED", "PRESENT", "PERCENT", "MISSING (IST)");
		int complete = 0;
		for (Completeness.InstrumentDay c : day.instruments()) {
			complete += c.missing().isEmpty() ? 1 : 0;
			String missing = c.missing()
				.stream()
				.limit(5)
				.map(r -> r.from().toLocalTime() + "-" + r.to().toLocalTime() + " (" + r.minutes() + ")")
				.reduce((a, b) -> a + ", " + b)
				.orElse("");
			out.printf("%-14s %9d %8d %7s%%  %s%s%n", c.symbol(), c.expectedMinutes(), c.presentMinutes(), c.percent(),
					missing, c.missing().size() > 5 ? ", … " + (c.missing().size() - 5) + " more" : "");
		}
		out.printf("%s: %d of %d instruments complete%n", date, complete, day.instruments().size());
		return OK;
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

	private int help() {
		out.println(
				"""
						usage: java -jar target/market-batch.jar [command] [--spring.*=… --marketbatch.*=…]
						  (no command)                     the service: scheduler + admin HTTP on 127.0.0.1:8080
						  run <job> [name=value …]         run one job to its end (exit 0 COMPLETED, 1 FAILED/STOPPED, 2 bad request)
						      --params job-params/F.properties   add a parameter preset
						      --rerun                      run a COMPLETED instance again on purpose
						  restart <executionId>            resume a FAILED or STOPPED execution from its last checkpoint
						  stop <executionId>               stop a running execution at its next chunk boundary
						  status [job]                     recent executions of every job (or one)
						  executions <job> [--status S] [--limit N]   a job's executions
						  show <executionId>               one execution with its steps
						  completeness --date D [--universe U | --symbols A,B]   expected vs present minutes
						  token set <broker> <token> [apiKey]   a new broker token; a running service resumes, no restart
						jobs and their parameters (universe=NAME or symbols=A,B,C on every job but instrumentSync):""");
		for (JobSpec spec : jobs.specs()) {
			out.println("  " + spec.name() + " "
					+ String.join(" ", spec.parameters().stream().map(p -> p + "=…").toList()));
		}
		return OK;
	}

	static int exitCode(JobExecution execution) {
		return execution.getStatus() == BatchStatus.COMPLETED ? OK : FAILED;
	}

	private static Map<String, String> preset(String file) {
		Path path = Path.of(file);
		if (!Files.isRegularFile(path)) {
			throw new BadJobRequestException("--params: no such file " + file + " (presets are in job-params/)");
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(path)) {
			properties.load(reader);
		}
		catch (IOException e) {
			throw new BadJobRequestException("--params: cannot read " + file + ": " + e.getMessage());
		}
		Map<String, String> raw = new LinkedHashMap<>();
		for (String name : properties.stringPropertyNames()) {
			raw.put(name, properties.getProperty(name));
		}
		return raw;
	}

}
