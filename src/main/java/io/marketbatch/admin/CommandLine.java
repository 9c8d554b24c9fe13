package io.marketbatch.admin;

import java.util.ArrayList;
import java.util.List;

/**
 * The command line split in three: our command and its words ({@code run historyBackfill
 * from=...}), our options ({@code --params FILE}, {@code --rerun}), and everything else, which
 * goes to Spring as properties ({@code --spring.datasource.url=...}, {@code --marketbatch.sim.latency=PT0.05S}).
 */
public record CommandLine(String command, List<String> words, String paramsFile, boolean rerun,
		List<String> springArgs) {

	public static final List<String> COMMANDS = List.of("run", "restart", "status", "help");

	public static CommandLine parse(String[] args) {
		String command = null;
		List<String> words = new ArrayList<>();
		List<String> spring = new ArrayList<>();
		String params = null;
		boolean rerun = false;
		for (int i = 0; i < args.length; i++) {
			String arg = args[i];
			if (arg.equals("--rerun")) {
				rerun = true;
			}
			else if (arg.equals("--params")) {
				if (i + 1 >= args.length) {
					throw new IllegalArgumentException("--params needs a file, e.g. --params job-params/two-month-backfill.properties");
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
		return new CommandLine(command, List.copyOf(words), params, rerun, List.copyOf(spring));
	}

	/** No command: run the service (scheduler and admin endpoint). */
	public boolean isService() {
		return command == null;
	}
}
