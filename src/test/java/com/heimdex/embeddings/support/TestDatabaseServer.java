package com.heimdex.embeddings.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Properties;
import java.util.UUID;

import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL + pgvector server the tests run against: {@code TEST_DATABASE_URL} when set (a
 * JDBC or libpq URL of a server where the user may create databases), otherwise one
 * Testcontainers {@code pgvector/pgvector} container per test JVM. Each test class gets a database
 * of its own from {@link #createDatabase(String)}.
 */
public final class TestDatabaseServer {

	private static final String IMAGE = "pgvector/pgvector:pg17";

	private static TestDatabaseServer instance;

	private final String host;

	private final int port;

	private final String user;

	private final String password;

	private final String adminDatabase;

	private TestDatabaseServer(String host, int port, String user, String password, String adminDatabase) {
		this.host = host;
		this.port = port;
		this.user = user;
		this.password = password;
		this.adminDatabase = adminDatabase;
	}

	public static synchronized TestDatabaseServer get() {
		if (instance == null) {
			String url = System.getenv("TEST_DATABASE_URL");
			instance = (url != null && !url.isBlank()) ? fromUrl(url.trim()) : fromContainer();
		}
		return instance;
	}

	/** Creates an empty database with the vector extension and returns it. */
	public TestDatabase createDatabase(String owner) {
		String name = ("t_" + owner.replaceAll("[^A-Za-z0-9]", "_") + "_"
				+ UUID.randomUUID().toString().substring(0, 8)).toLowerCase(Locale.ROOT);
		if (name.length() > 60) {
			name = name.substring(name.length() - 60);
		}
		execute(this.adminDatabase, "CREATE DATABASE \"" + name + "\"");
		execute(name, "CREATE EXTENSION IF NOT EXISTS vector");
		return new TestDatabase(this, name);
	}

	/**
	 * The database of that name, created with the vector extension when missing: for data that is
	 * slow to make and kept between runs (the scale bench's filled databases).
	 */
	public TestDatabase database(String name) {
		if (!name.matches("[a-z0-9_]{1,60}")) {
			throw new IllegalArgumentException("database names here are [a-z0-9_]{1,60}, got " + name);
		}
		if (!exists(name)) {
			execute(this.adminDatabase, "CREATE DATABASE \"" + name + "\"");
		}
		execute(name, "CREATE EXTENSION IF NOT EXISTS vector");
		return new TestDatabase(this, name);
	}

	private boolean exists(String database) {
		try (Connection connection = connect(this.adminDatabase);
				var statement = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
			statement.setString(1, database);
			try (var result = statement.executeQuery()) {
				return result.next();
			}
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not list the databases of " + jdbcUrl(this.adminDatabase), ex);
		}
	}

	/** Drops a role a test created (roles belong to the server, not to a test's database). */
	public void dropRole(String role) {
		execute(this.adminDatabase, "DROP ROLE IF EXISTS \"" + role + "\"");
	}

	void drop(String database) {
		execute(this.adminDatabase, "DROP DATABASE IF EXISTS \"" + database + "\" WITH (FORCE)");
	}

	String jdbcUrl(String database) {
		return "jdbc:postgresql://" + this.host + ":" + this.port + "/" + database;
	}

	String libpqUrl(String database) {
		String credentials = this.user + ((this.password != null) ? ":" + this.password : "");
		return "postgres://" + credentials + "@" + this.host + ":" + this.port + "/" + database;
	}

	String user() {
		return this.user;
	}

	String password() {
		return this.password;
	}

	Connection connect(String database) throws SQLException {
		Properties properties = new Properties();
		properties.setProperty("user", this.user);
		if (this.password != null) {
			properties.setProperty("password", this.password);
		}
		return DriverManager.getConnection(jdbcUrl(database), properties);
	}

	private void execute(String database, String sql) {
		try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("test database setup failed on " + jdbcUrl(database) + ": " + sql, ex);
		}
	}

	private static TestDatabaseServer fromUrl(String url) {
		URI uri = URI.create(url.startsWith("jdbc:") ? url.substring("jdbc:".length()) : url);
		String user = "postgres";
		String password = null;
		if (uri.getUserInfo() != null) {
			String[] parts = uri.getUserInfo().split(":", 2);
			user = parts[0];
			password = (parts.length > 1) ? parts[1] : null;
		}
		if (uri.getQuery() != null) {
			for (String pair : uri.getQuery().split("&")) {
				String[] keyValue = pair.split("=", 2);
				if (keyValue.length == 2 && keyValue[0].equals("user")) {
					user = keyValue[1];
				}
				if (keyValue.length == 2 && keyValue[0].equals("password")) {
					password = keyValue[1];
				}
			}
		}
		String database = (uri.getPath() != null && uri.getPath().length() > 1) ? uri.getPath().substring(1)
				: "postgres";
		int port = (uri.getPort() != -1) ? uri.getPort() : 5432;
		return new TestDatabaseServer(uri.getHost(), port, user, password, database);
	}

	@SuppressWarnings("resource")
	private static TestDatabaseServer fromContainer() {
		PostgreSQLContainer container = new PostgreSQLContainer(
				DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"));
		try {
			container.start();
		}
		catch (RuntimeException ex) {
			throw new IllegalStateException("No test database: set TEST_DATABASE_URL to a PostgreSQL server with "
					+ "pgvector, or run Docker for Testcontainers (scripts/test.sh does either)", ex);
		}
		Runtime.getRuntime().addShutdownHook(new Thread(container::stop));
		return new TestDatabaseServer(container.getHost(), container.getMappedPort(5432), container.getUsername(),
				container.getPassword(), container.getDatabaseName());
	}

}
