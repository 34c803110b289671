package com.heimdex.embeddings.cli;

import java.net.URI;
import java.sql.SQLException;

import org.springframework.core.env.Environment;

/** Turns a failure to reach the database into one line naming host, port, database and user. */
final class DatabaseFailures {

	private DatabaseFailures() {
	}

	/** @return the line to print, or {@code null} when the failure is not about the connection */
	static String describe(Throwable failure, Environment environment) {
		SQLException sql = connectionFailure(failure);
		if (sql == null) {
			return null;
		}
		String url = (environment != null) ? environment.getProperty("spring.datasource.url") : null;
		String user = (environment != null) ? environment.getProperty("spring.datasource.username") : null;
		return "cannot connect to PostgreSQL " + where(url) + ((user != null) ? " as user " + user : "") + ": "
				+ firstLine(sql.getMessage())
				+ " (check SPRING_DATASOURCE_URL / _USERNAME / _PASSWORD or DATABASE_URL)";
	}

	private static SQLException connectionFailure(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof SQLException sql && sql.getSQLState() != null
					&& (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("28")
							|| sql.getSQLState().equals("3D000"))) {
				return sql;
			}
		}
		return null;
	}

	/** {@code host:port/database} of a JDBC URL, or the URL itself when it cannot be read. */
	static String where(String jdbcUrl) {
		if (jdbcUrl == null) {
			return "(no spring.datasource.url)";
		}
		try {
			URI uri = URI.create(jdbcUrl.substring("jdbc:".length()));
			int port = (uri.getPort() != -1) ? uri.getPort() : 5432;
			String database = (uri.getPath() != null && uri.getPath().length() > 1) ? uri.getPath().substring(1) : "";
			return "at host " + uri.getHost() + " port " + port + " database " + database;
		}
		catch (RuntimeException ex) {
			return "at " + jdbcUrl;
		}
	}

	private static String firstLine(String message) {
		if (message == null) {
			return "no detail";
		}
		int newline = message.indexOf('\n');
		return (newline >= 0) ? message.substring(0, newline) : message;
	}

}
