package io.marketbatch.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line split in three: our command and its words ({@code run historyBackfill
 * from=...}), our options ({@code --params FILE}, {@code --rerun}), and everything else,
 * which goes to Spring as properties ({@code --spring.datasource.url=...},
 * {@code --marketbatch.sim.latency=PT0.05S}).
 */
public record CommandLine(String command, List<String> words, String paramsFile, boolean rerun,
		Map<String, String> options, List<String> springArgs) {

	public static final List<String> COMMANDS = List.of("run", "restart", "stop", "status", "executions", "show",
			"completeness", "calendar", "token", "help", "universe");

	/**
	 * Options of the query commands
	 * ({@code completeness --date 2026-10-29 --universe NIFTY50}).
	 */
	static final List<String> OPTIONS = List.of("date", "universe", "symbols", "status", "limit", "exchange");

	public static CommandLine parse(String[] args) {
		String command = null;
		List<String> words = new ArrayList<>();
		List<String> spring = new ArrayList<>();
		String params = null;
		boolean rerun = false;
		Map<String, String> options = new LinkedHashMap<>();
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			String option = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : null;
			if (option != null && OPTIONS.contains(option)) {
				if (arg.contains("=")) {
					options.put(option, arg.substring(arg.indexOf('=') + 1));
				}
				else if (i + 1 < args.length) {
					options.put(option, args[++i]);
				}
				else {
					throw new IllegalArgumentException("--" + option + " needs a value");
				}
			}
			else if (arg.equals("--rerun")) {
				rerun = true;
			}
			else if (arg.equals("--params")) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException(
							"--params needs a file, e.g. --params job-params/two-month-backfill.properties");
				}
				params = args[++i];
			}
			else if (arg.startsWith("--params=")) {
				params = arg.substring("--params=".length());
			}
			else if (arg.startsWith("--")) {
				spring.add(arg);
			}
			else if (command == null) {
				command = arg;
			}
			else {
				words.add(arg);
			}
		}
		return new CommandLine(command, List.copyOf(words), params, rerun, Map.copyOf(options), List.copyOf(spring));
	}

	/** No command: run the service (scheduler and admin endpoint). */
	public boolean isService() {
		return command == null;
	}
}
