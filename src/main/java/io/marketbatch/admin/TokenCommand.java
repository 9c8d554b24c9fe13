package io.marketbatch.admin;

import io.marketbatch.broker.TokenRenewal;

import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code token set <broker> <token> [apiKey]}: stores a new broker token where a running
 * service reads it (it resumes within seconds, no restart). The token is never printed.
 */
public class TokenCommand {

	private final TokenRenewal renewal;

	private final PrintStream out;

	private final PrintStream err;

	public TokenCommand(TokenRenewal renewal, PrintStream out, PrintStream err) {
		this.renewal = renewal;
		this.out = out;
		this.err = err;
	}

	public int execute(CommandLine line) {
		List<String> words = line.words();
		if (words.size() < 3 || words.size() > 4 || !words.get(0).equals("set")) {
			err.println("usage: token set <broker> <accessToken> [apiKey]   (brokers: "
					+ String.join(", ", TokenRenewal.BROKERS) + "; Kite also takes the api key)");
			return Commands.BAD_REQUEST;
		}
		String broker = words.get(1);
		try {
			renewal.renew(broker, words.get(2), (words.size() == 4) ? Optional.of(words.get(3)) : Optional.empty());
		}
		catch (IllegalArgumentException e) {
			err.println("error: " + e.getMessage());
			return Commands.BAD_REQUEST;
		}
		out.println("the " + broker + " token is stored; a running service uses it within seconds, no restart needed");
		return Commands.OK;
	}

}
