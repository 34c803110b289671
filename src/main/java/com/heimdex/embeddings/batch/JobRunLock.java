package com.heimdex.embeddings.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A PostgreSQL session-level advisory lock that says "a live process runs this job". It is held on
 * its own connection for the life of the run; when the process dies, PostgreSQL drops the
 * connection and the lock with it, which is how an execution left STARTED is known to be orphaned.
 */
public final class JobRunLock implements AutoCloseable {

	/** First half of the advisory lock key, so this application's locks never meet others'. */
	private static final int LOCK_NAMESPACE = 0x5E1B_0001;

	private final Connection connection;

	private final String name;

	private JobRunLock(Connection connection, String name) {
		this.connection = connection;
		this.name = name;
	}

	/**
	 * Takes the lock for {@code name} if no other session holds it.
	 * @return the held lock, or {@code null} when another live process holds it
	 */
	public static JobRunLock tryAcquire(DataSource dataSource, String name) {
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			connection.setAutoCommit(true);
			try (PreparedStatement statement = connection
				.prepareStatement("SELECT pg_try_advisory_lock(?, hashtext(?))")) {
				statement.setInt(1, LOCK_NAMESPACE);
				statement.setString(2, name);
				try (ResultSet result = statement.executeQuery()) {
					result.next();
					if (result.getBoolean(1)) {
						return new JobRunLock(connection, name);
					}
				}
			}
			connection.close();
			return null;
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DataAccessResourceFailureException("could not take the run lock for " + name, ex);
		}
	}

	@Override
	public void close() {
		try (PreparedStatement statement = this.connection
			.prepareStatement("SELECT pg_advisory_unlock(?, hashtext(?))")) {
			statement.setInt(1, LOCK_NAMESPACE);
			statement.setString(2, this.name);
			statement.execute();
		}
		catch (SQLException ex) {
			// Closing the connection below releases the lock all the same.
		}
		finally {
			closeQuietly(this.connection);
		}
	}

	private static void closeQuietly(Connection connection) {
		if (connection != null) {
			try {
				connection.close();
			}
			catch (SQLException ex) {
				// nothing more to release
			}
		}
	}

}
