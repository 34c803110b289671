package com.heimdex.embeddings.cli;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Translates a libpq connection URI ({@code postgres://user:pass@host:5432/db?sslmode=require}),
 * as operators set {@code DATABASE_URL}, into Spring's {@code spring.datasource.*} settings.
 */
final class DatabaseUrl {

	private DatabaseUrl() {
	}

	/**
	 * @return {@code spring.datasource.url}, {@code .username} and {@code .password} as present
	 * @throws IllegalArgumentException when the text is not a postgres:// or postgresql:// URI
	 */
	static Map<String, Object> toDataSourceProperties(String databaseUrl) {
		URI uri;
		try {
			uri = URI.create(databaseUrl.trim());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("DATABASE_URL is not a URI: " + ex.getMessage());
		}
		if (!"postgres".equals(uri.getScheme()) && !"postgresql".equals(uri.getScheme())) {
			throw new IllegalArgumentException(
					"DATABASE_URL must look like postgres://user:password@host:5432/database (got scheme '"
							+ uri.getScheme() + "')");
		}
		if (uri.getHost() == null) {
			throw new IllegalArgumentException("DATABASE_URL has no host: expected postgres://user:password@host:5432/database");
		}
		String host = uri.getHost();
		int port = (uri.getPort() != -1) ? uri.getPort() : 5432;
		String database = (uri.getRawPath() == null || uri.getRawPath().length() <= 1) ? "postgres"
				: decode(uri.getRawPath().substring(1));
		StringBuilder jdbcUrl = new StringBuilder("jdbc:postgresql://").append(host).append(':').append(port)
			.append('/').append(database);
		if (uri.getRawQuery() != null && !uri.getRawQuery().isEmpty()) {
			jdbcUrl.append('?').append(uri.getRawQuery());
		}
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", jdbcUrl.toString());
		String userInfo = uri.getRawUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			properties.put("spring.datasource.username", decode((colon >= 0) ? userInfo.substring(0, colon) : userInfo));
			if (colon >= 0) {
				properties.put("spring.datasource.password", decode(userInfo.substring(colon + 1)));
			}
		}
		return properties;
	}

	private static String decode(String text) {
		return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
	}

}
