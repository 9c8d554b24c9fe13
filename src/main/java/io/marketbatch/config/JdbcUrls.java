package io.marketbatch.config;

import java.util.regex.Pattern;

/** JDBC URLs fit to print: the password in one (user:password@, password=…) masked. */
public final class JdbcUrls {

	private static final Pattern USER_INFO = Pattern.compile("(//[^/@:?;]*:)[^/@]*(?=@)");

	private static final Pattern PASSWORD_PARAMETER = Pattern
		.compile("(?i)([?&;](?:password|sslpassword|pwd)\\s*=)[^&;]*");

	private JdbcUrls() {
	}

	public static String withoutCredentials(String url) {
		String masked = USER_INFO.matcher(url).replaceAll("$1******");
		return PASSWORD_PARAMETER.matcher(masked).replaceAll("$1******");
	}

}
