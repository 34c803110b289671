package com.heimdex.embeddings.cli;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates a libpq connection URI ({@code postgres://user:pass@host:5432/db?sslmode=require}),
 * as operators set {@code DATABASE_URL}, into Spring's {@code spring.datasource.*} settings.
 * <p>
 * The credentials are split off first and never parsed as URI syntax, so a password holding
 * characters a URI does not allow ({@code ^ { } | " < >}, spaces) works as libpq reads it, and no
 * message ever repeats the URL's text: it may hold the password.
 */
final class DatabaseUrl {

	private static final String EXPECTED = "expected postgres://user:password@host:5432/database";

	private DatabaseUrl() {
	}

	/**
	 * @return {@code spring.datasource.url}, {@code .username} and {@code .password} as present
	 * @throws IllegalArgumentException when the text is not a postgres:// or postgresql:// URI
	 */
	static Map<String, Object> toDataSourceProperties(String databaseUrl) {
		String text = databaseUrl.trim();
		int schemeEnd = text.indexOf("://");
		String scheme = (schemeEnd > 0) ? text.substring(0, schemeEnd) : "";
		if (!"postgres".equals(scheme) && !"postgresql".equals(scheme)) {
			throw new IllegalArgumentException("DATABASE_URL must look like postgres://user:password@host:5432/database "
					+ (scheme.matches("[A-Za-z][A-Za-z0-9+.-]{0,20}") ? "(got scheme '" + scheme + "')" : "(got no scheme)"));
		}
		String rest = text.substring(schemeEnd + 3);
		// The credentials end at the last '@' before the path or query, so that '@', ':' and '/' in a
		// password need no escaping as long as no '?' precedes them.
		int query = rest.indexOf('?');
		int at = rest.lastIndexOf('@', (query >= 0) ? query : rest.length());
		String userInfo = (at >= 0) ? rest.substring(0, at) : null;
		URI uri;
		try {
			uri = new URI("postgres://" + rest.substring(at + 1));
		}
		catch (URISyntaxException ex) {
			throw new IllegalArgumentException("DATABASE_URL's host, port or database is not valid: " + ex.getReason()
					+ " (" + EXPECTED + "; percent-encode special characters of the database name)");
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("DATABASE_URL has no valid host or port: " + EXPECTED);
		}
		int port = (uri.getPort() != -1) ? uri.getPort() : 5432;
		String database = (uri.getRawPath() == null || uri.getRawPath().length() <= 1) ? "postgres"
				: decode(uri.getRawPath().substring(1));
		StringBuilder jdbcUrl = new StringBuilder("jdbc:postgresql://").append(uri.getHost()).append(':').append(port)
			.append('/').append(database);
		if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
			jdbcUrl.append('?').append(uri.getRawQuery());
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", jdbcUrl.toString());
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			properties.put("spring.datasource.username",
					percentDecode((colon >= 0) ? userInfo.substring(0, colon) : userInfo));
			if (colon >= 0) {
				properties.put("spring.datasource.password", percentDecode(userInfo.substring(colon + 1)));
			}
		}
		return properties;
	}

	/** The password of a libpq URI as {@link #toDataSourceProperties} reads it, or {@code null}. */
	static String password(String databaseUrl) {
		try {
			Object password = toDataSourceProperties(databaseUrl).get("spring.datasource.password");
			return (password != null) ? password.toString() : null;
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	private static String decode(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

	/** Decodes {@code %XX} sequences as UTF-8 and keeps every other character, a lone '%' included. */
	private static String percentDecode(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c == '%' && i + 2 < text.length() && isHex(text.charAt(i + 1)) && isHex(text.charAt(i + 2))) {
				bytes.write(Integer.parseInt(text.substring(i + 1, i + 3), 16));
				i += 2;
			}
			else {
				byte[] encoded = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
				if (Character.isHighSurrogate(c) && i + 1 < text.length()) {
					encoded = text.substring(i, i + 2).getBytes(StandardCharsets.UTF_8);
					i++;
				}
				bytes.writeBytes(encoded);
			}
		}
		return bytes.toString(StandardCharsets.UTF_8);
	}

	private static boolean isHex(char c) {
		return Character.digit(c, 16) >= 0;
	}

}
