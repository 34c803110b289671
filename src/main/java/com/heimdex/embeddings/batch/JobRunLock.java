package com.heimdex.embeddings.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.springframework.dao.DataAccessResourceFailureException;

/**
 * A PostgreSQL session-level advisory lock that says "a live process runs this slice of this job".
 * It is held on its own connection for the life of the run; when the process dies, PostgreSQL drops
 * the connection and the lock with it, which is how an execution left STARTED is known to be
 * orphaned.
 * <p>
 * The lock of partition {@code i} of {@code n} is the advisory lock ({@code hashtext(job)},
 * {@code n * 65536 + i}), so every holder's slice can be read back from {@code pg_locks}. A slice
 * is refused while any overlapping one is held: the same partition, or any partition of another
 * partition count (the nightly {@code partitions=1} run and a {@code partitions=3} scale-out cover
 * the same scenes). Acquisitions of one job are serialised by a second, short-held advisory lock,
 * so two launches never both see "no overlap".
 */
public final class JobRunLock implements AutoCloseable {

	/** First half of the key of the lock that serialises acquisitions, so this application's locks never meet others'. */
	private static final int LOCK_NAMESPACE = 0x5E1B_0001;

	/** Partition counts up to this fit the second half of the key beside the partition index. */
	public static final int MAX_PARTITIONS = 32767;

	private static final int SLICE_FACTOR = 65536;

	/** Seconds a check of the lock's session may take before the session counts as lost. */
	private static final int CHECK_TIMEOUT_SECONDS = 10;

	private final Connection connection;

	private final String jobName;

	private final int sliceKey;

	private JobRunLock(Connection connection, String jobName, int sliceKey) {
		this.connection = connection;
		this.jobName = jobName;
		this.sliceKey = sliceKey;
	}

	/** The lock of a job without partitions: the whole job. */
	public static JobRunLock tryAcquire(DataSource dataSource, String jobName) {
		return tryAcquire(dataSource, jobName, 0, 1);
	}

	/**
	 * Takes the lock for partition {@code partition} of {@code partitions} of {@code jobName} if no
	 * other session holds an overlapping one.
	 * @return the held lock, or {@code null} when another live process holds an overlapping slice
	 */
	public static JobRunLock tryAcquire(DataSource dataSource, String jobName, int partition, int partitions) {
		if (partitions < 1 || partitions > MAX_PARTITIONS || partition < 0 || partition >= partitions) {
			throw new IllegalArgumentException("partition " + partition + " of " + partitions + " is not a slice");
		}
		int sliceKey = partitions * SLICE_FACTOR + partition;
		Connection connection = null;
		try {
			connection = dataSource.getConnection();
			connection.setAutoCommit(true);
			advisory(connection, "SELECT pg_advisory_lock(?, hashtext(?))", LOCK_NAMESPACE, jobName);
			try {
				if (!overlappingSliceHeld(connection, jobName, partition, partitions)
						&& advisory(connection, "SELECT pg_try_advisory_lock(hashtext(?), ?)", jobName, sliceKey)) {
					return new JobRunLock(connection, jobName, sliceKey);
				}
			}
			finally {
				advisory(connection, "SELECT pg_advisory_unlock(?, hashtext(?))", LOCK_NAMESPACE, jobName);
			}
			connection.close();
			return null;
		}
		catch (SQLException ex) {
			closeQuietly(connection);
			throw new DataAccessResourceFailureException("could not take the run lock for " + jobName, ex);
		}
	}

	/**
	 * Whether this lock's session still holds it. A session ended by a connection reset, a failover
	 * or {@code pg_terminate_backend} has lost it (another process may hold it now).
	 */
	public boolean isHeld() {
		try (PreparedStatement statement = this.connection.prepareStatement("""
				SELECT count(*) FROM pg_locks
				WHERE locktype = 'advisory' AND granted AND pid = pg_backend_pid() AND objsubid = 2
				  AND classid = hashtext(?)::oid AND objid = ?::oid""")) {
			statement.setQueryTimeout(CHECK_TIMEOUT_SECONDS);
			statement.setString(1, this.jobName);
			statement.setInt(2, this.sliceKey);
			try (ResultSet result = statement.executeQuery()) {
				return result.next() && result.getInt(1) == 1;
			}
		}
		catch (SQLException ex) {
			return false;
		}
	}

	@Override
	public void close() {
		try {
			advisory(this.connection, "SELECT pg_advisory_unlock(hashtext(?), ?)", this.jobName, this.sliceKey);
		}
		catch (SQLException ex) {
			// Closing the connection below releases the lock all the same.
		}
		finally {
			closeQuietly(this.connection);
		}
	}

	/** Whether another session holds the same partition, or a partition of another partition count. */
	private static boolean overlappingSliceHeld(Connection connection, String jobName, int partition, int partitions)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement("""
				SELECT objid::bigint FROM pg_locks
				WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = hashtext(?)::oid
				  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())""")) {
			statement.setString(1, jobName);
			try (ResultSet result = statement.executeQuery()) {
				while (result.next()) {
					long heldKey = result.getLong(1);
					long heldPartitions = heldKey / SLICE_FACTOR;
					if (heldPartitions != partitions || heldKey % SLICE_FACTOR == partition) {
						return true;
					}
				}
			}
		}
		return false;
	}

	private static boolean advisory(Connection connection, String sql, Object first, Object second)
			throws SQLException {
		try (PreparedStatement statement = connection.prepareStatement(sql)) {
			statement.setObject(1, first);
			statement.setObject(2, second);
			try (ResultSet result = statement.executeQuery()) {
				result.next();
				return !"f".equals(result.getString(1));
			}
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
