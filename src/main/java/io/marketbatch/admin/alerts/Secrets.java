package io.marketbatch.admin.alerts;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Takes secrets out of an alert's text before it leaves the process: every configured
 * value whose setting names a secret (tokens, passwords, API keys and secrets, webhook
 * addresses), the secrets known at run time (the admin token, a broker token set while
 * the service runs), and whatever looks like a credential (a bearer token, a Telegram bot
 * token, {@code password=…}, {@code user:password@} in an address).
 */
public class Secrets {

	static final String MASK = "******";

	/**
	 * The last word of a setting that holds a secret (upstox.access-token, mail.password,
	 * …).
	 */
	private static final Pattern SECRET_SETTING = Pattern
		.compile("(?i).*(token|password|passwd|secret|api[-_.]?key|credentials?|private[-_.]?key)$");

	/** Webhook addresses carry their own secret (Slack's do). */
	private static final Pattern SECRET_ADDRESS = Pattern.compile("(?i).*(webhook|slack)[-_.]url$");

	private static final List<Pattern> LOOKS_SECRET = List.of(Pattern.compile("(?i)(bearer\\s+)[^\\s\"',;]+"),
			Pattern.compile("(bot)\\d{5,}:[A-Za-z0-9_-]{20,}"),
			Pattern.compile("(?i)((?:access_token|access-token|api_key|apikey|api-key|password|passwd|pwd|secret|"
					+ "client_secret)\\s*=\\s*)[^\\s&;,\"']+"),
			Pattern.compile("(//)[^/\\s:@]+:[^/\\s@]+(?=@)"));

	private final ConfigurableEnvironment environment;

	private final Supplier<List<String>> runtimeSecrets;

	private final UnaryOperator<String> adminToken;

	/**
	 * @param runtimeSecrets the secrets set while the service runs (broker tokens)
	 * @param adminToken masks the admin token, which is never handed out
	 */
	public Secrets(ConfigurableEnvironment environment, Supplier<List<String>> runtimeSecrets,
			UnaryOperator<String> adminToken) {
		this.environment = environment;
		this.runtimeSecrets = runtimeSecrets;
		this.adminToken = adminToken;
	}

	/** The text without any secret this process knows of. */
	public String redact(String text) {
		String clean = adminToken.apply(text);
		List<String> known = new ArrayList<>(known());
		// longest first, so a secret that contains another goes whole
		known.sort(Comparator.comparingInt(String::length).reversed());
		for (String secret : known) {
			clean = clean.replace(secret, MASK);
		}
		for (Pattern pattern : LOOKS_SECRET) {
			clean = pattern.matcher(clean).replaceAll("$1" + MASK);
		}
		return clean;
	}

	private Set<String> known() {
		Set<String> secrets = new LinkedHashSet<>();
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					String setting = name.toLowerCase(Locale.ROOT).replace('_', '.');
					if (SECRET_SETTING.matcher(setting).matches() || SECRET_ADDRESS.matcher(setting).matches()) {
						add(secrets, enumerable.getProperty(name));
					}
				}
			}
		}
		runtimeSecrets.get().forEach(secret -> add(secrets, secret));
		return secrets;
	}

	private static void add(Set<String> secrets, Object value) {
		// short values (a user name like "sa", an empty password) would mangle words
		if (value != null && value.toString().strip().length() >= 6) {
			secrets.add(value.toString().strip());
		}
	}

}
