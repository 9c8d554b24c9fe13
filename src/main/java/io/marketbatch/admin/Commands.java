package io.marketbatch.admin;

import io.marketbatch.jobs.JobNames;
import io.marketbatch.jobs.launch.BadJobRequestException;
import io.marketbatch.jobs.launch.ExecutionControl;
import io.marketbatch.jobs.launch.JobLaunches;
import io.marketbatch.jobs.launch.JobRequests;
import io.marketbatch.jobs.launch.JobSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import org.jspecify.annotations.Nullable;
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

	private final QueryCommands queries;

	private final PrintStream out;

	private final PrintStream err;

	private final TokenCommand token;

	/** The {@code universe} command; null where it is not wired (it then says so). */
	private final @Nullable UniverseCommand universes;

	public Commands(JobLaunches jobs, ExecutionControl control, ExecutionReport report, QueryCommands queries,
			TokenCommand token, PrintStream out, PrintStream err) {
		this(jobs, control, report, queries, token, null, out, err);
	}

	public Commands(JobLaunches jobs, ExecutionControl control, ExecutionReport report, QueryCommands queries,
			TokenCommand token, @Nullable UniverseCommand universes, PrintStream out, PrintStream err) {
		this.universes = universes;
		this.token = token;
		this.jobs = jobs;
		this.control = control;
		this.report = report;
		this.queries = queries;
		this.out = out;
		this.err = err;
	}

	public int execute(CommandLine line) {
		try {
			return switch (line.command()) {
				case "run" -> run(line);
				case "restart" -> restart(line);
				case "stop" -> stop(line);
				case "status", "executions", "show", "completeness", "calendar" -> queries.execute(line);
				case "token" -> token.execute(line);
				case "universe" -> universe(line);
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

	private int universe(CommandLine line) {
		if (universes == null) {
			err.println("error: the universe command is not available here");
			return BAD_REQUEST;
		}
		return universes.execute(line.words());
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

	private static long executionId(CommandLine line, String command) {
		if (line.words().size() != 1 || !line.words().get(0).matches("\\d+")) {
			throw new BadJobRequestException(
					command + " needs one execution id, e.g. " + command + " 42 (see: status)");
		}
		return Long.parseLong(line.words().get(0));
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
						  completeness --date D [--universe U | --symbols A,B] [--exchange X]   present, no-trade and missing minutes
						  calendar [--exchange X] [add-session D HH:mm HH:mm "name"]   calendar mismatches; add a session
						  token set <broker> <token> [apiKey]   a new broker token; a running service resumes, no restart
						  universe [list|show|create|add|remove|merge|delete] …   built-in, custom and dynamic universes
						jobs and their parameters (universe=NAME or symbols=A,B,C on every job but instrumentSync;
						exchange=NSE|BSE|NFO|BFO|CDS|BCD|MCX on every job, NSE by default or the universe's):""");
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
