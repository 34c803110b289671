package com.heimdex.embeddings.cli;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides secrets in what the command line prints: the values of environment variables named like a
 * password, token, key or secret, the password of {@code DATABASE_URL}, and credentials written
 * inside any URL ({@code scheme://user:password@host}, {@code ?password=...}).
 */
final class SecretRedaction {

	static final String MASK = "****";

	private static final Pattern SECRET_NAME = Pattern
		.compile("(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|API_KEY|APIKEY|ACCESS_KEY|PRIVATE_KEY|CREDENTIAL).*");

	/** {@code scheme://user:} then the password up to the last '@' of the word. */
	private static final Pattern URL_CREDENTIALS = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^\\s/:@]*:)\\S*@");

	private static final Pattern SECRET_PARAMETER = Pattern
		.compile("(?i)\\b((?:password|passwd|pwd|token|access_token|api[_-]?key|secret|sslpassword)=)[^&\\s]*");

	/** Shorter values are too likely to occur in ordinary words to be replaced wherever they appear. */
	private static final int SHORTEST_VALUE = 3;

	/** The word messages use to show where a password goes ({@code postgres://user:password@host}). */
	private static final String PLACEHOLDER = "password";

	private final List<String> secrets;

	private SecretRedaction(List<String> secrets) {
		this.secrets = secrets.stream()
			.filter((secret) -> secret != null && secret.length() >= SHORTEST_VALUE)
			.distinct()
			.sorted(Comparator.comparingInt(String::length).reversed())
			.toList();
	}

	static SecretRedaction of(Map<String, String> environment) {
		List<String> secrets = new ArrayList<>();
		environment.forEach((name, value) -> {
			if (SECRET_NAME.matcher(name).matches()) {
				secrets.add(value);
			}
		});
		String databaseUrl = environment.get("DATABASE_URL");
		if (databaseUrl != null) {
			secrets.add(DatabaseUrl.password(databaseUrl));
		}
		return new SecretRedaction(secrets);
	}

	String redact(String text) {
		if (text == null) {
			return null;
		}
		String redacted = text;
		for (String secret : this.secrets) {
			redacted = redacted.replace(secret, MASK);
		}
		redacted = URL_CREDENTIALS.matcher(redacted).replaceAll((match) -> Matcher.quoteReplacement(
				match.group().endsWith(":" + PLACEHOLDER + "@") ? match.group() : match.group(1) + MASK + "@"));
		return SECRET_PARAMETER.matcher(redacted).replaceAll((match) -> Matcher.quoteReplacement(match.group(1) + MASK));
	}

}
