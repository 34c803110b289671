package com.heimdex.embeddings.support;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** One test class's own database on the {@link TestDatabaseServer}. */
public final class TestDatabase implements AutoCloseable {

	private final TestDatabaseServer server;

	private final String name;

	TestDatabase(TestDatabaseServer server, String name) {
		this.server = server;
		this.name = name;
	}

	public static TestDatabase create(Class<?> owner) {
		return TestDatabaseServer.get().createDatabase(owner.getSimpleName());
	}

	/** The database of that name, created when missing; {@link #close()} drops it. */
	public static TestDatabase named(String name) {
		return TestDatabaseServer.get().database(name);
	}

	public String name() {
		return this.name;
	}

	public String jdbcUrl() {
		return this.server.jdbcUrl(this.name);
	}

	/** The database as operators write {@code DATABASE_URL}: postgres://user:pass@host:port/db. */
	public String libpqUrl() {
		return this.server.libpqUrl(this.name);
	}

	public String user() {
		return this.server.user();
	}

	public String password() {
		return (this.server.password() != null) ? this.server.password() : "";
	}

	public Connection connect() throws SQLException {
		return this.server.connect(this.name);
	}

	public DataSource dataSource() {
		DriverManagerDataSource dataSource = new DriverManagerDataSource(jdbcUrl(), user(), password());
		dataSource.setDriverClassName("org.postgresql.Driver");
		return dataSource;
	}

	public JdbcTemplate jdbcTemplate() {
		return new JdbcTemplate(dataSource());
	}

	@Override
	public void close() {
		this.server.drop(this.name);
	}

}
