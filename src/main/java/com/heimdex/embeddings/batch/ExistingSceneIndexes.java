package com.heimdex.embeddings.batch;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.util.unit.DataSize;

/**
 * Builds the indexes the migrations declare on {@code video_scenes} (the first one's and
 * {@code V22}'s) with
 * {@code CREATE INDEX CONCURRENTLY}, before the migrations run, when the product's table already
 * exists. A plain {@code CREATE INDEX} in the migration would hold a lock that blocks every write
 * to the table for the whole build (minutes for the HNSW index of a large table); built here, the
 * migration finds them and skips them. Indexes on columns the table does not have yet are left to
 * the migration, which adds the columns (empty, so their indexes build quickly). A build that
 * failed half-way (an INVALID index) is dropped and built again. The builds get the memory the
 * operator gives them ({@code DATABASE_INDEX_BUILD_MEMORY}). Before the HNSW index is built, a graph
 * that will not fit in that memory (pgvector then goes on building on disk, many times slower) is
 * announced with the memory that would hold it; what PostgreSQL says while building is logged too.
 */
final class ExistingSceneIndexes {

	private static final Log logger = LogFactory.getLog(ExistingSceneIndexes.class);

	private static final String HNSW_INDEX = "idx_video_scenes_embedding_visual_clip_hnsw";

	/** What pgvector's HNSW graph takes per vector of 512 dimensions (64 MB held 23,048 of them). */
	private static final long GRAPH_BYTES_PER_VECTOR = 3 * 1024;

	/** The migrations' indexes on video_scenes, by name, as they declare them. */
	static final Map<String, String> INDEXES = indexes();

	private ExistingSceneIndexes() {
	}

	/** @param memory {@code maintenance_work_mem} for the builds, {@code null} for the server's own */
	static void build(DataSource dataSource, DataSize memory) {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			connection.setAutoCommit(true);
			if (!tableExists(statement)) {
				return;
			}
			statement.execute("SET lock_timeout = '10s'");
			if (memory != null) {
				statement.execute("SET maintenance_work_mem = '" + memory.toKilobytes() + "kB'");
			}
			for (Map.Entry<String, String> index : INDEXES.entrySet()) {
				build(statement, index.getKey(), index.getValue());
			}
			statement.execute("RESET lock_timeout");
			statement.execute("RESET maintenance_work_mem");
		}
		catch (SQLException ex) {
			throw new IllegalStateException("could not build the indexes of video_scenes concurrently: " + ex.getMessage(),
					ex);
		}
	}

	private static void build(Statement statement, String name, String definition) throws SQLException {
		Boolean valid = validity(statement, name);
		if (Boolean.TRUE.equals(valid)) {
			return;
		}
		if (valid != null) {
			statement.execute("DROP INDEX CONCURRENTLY IF EXISTS " + name);
		}
		long start = System.nanoTime();
		try {
			if (HNSW_INDEX.equals(name)) {
				announceGraphBeyondMemory(statement);
			}
			statement.execute("CREATE INDEX CONCURRENTLY IF NOT EXISTS " + name + " " + definition);
			logNotices(statement, name);
			logger.info("Built index " + name + " of video_scenes concurrently in "
					+ (System.nanoTime() - start) / 1_000_000 + " ms");
		}
		catch (SQLException ex) {
			// 42703: a column the migration adds; 42704: pgvector's types, which it installs
			if (!"42703".equals(ex.getSQLState()) && !"42704".equals(ex.getSQLState())) {
				throw ex;
			}
		}
	}

	private static void announceGraphBeyondMemory(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT count(*), pg_size_bytes(current_setting('maintenance_work_mem'))"
				+ " FROM video_scenes WHERE embedding_visual_clip IS NOT NULL")) {
			result.next();
			long vectors = result.getLong(1);
			long memory = result.getLong(2);
			long graph = vectors * GRAPH_BYTES_PER_VECTOR;
			if (graph > memory) {
				logger.warn("Building index " + HNSW_INDEX + " over " + vectors + " embedded scenes: its graph takes about "
						+ DataSize.ofBytes(graph).toMegabytes() + "MB, more than the " + DataSize.ofBytes(memory).toMegabytes()
						+ "MB of maintenance_work_mem, so most of it is built on disk, many times slower; "
						+ "DATABASE_INDEX_BUILD_MEMORY=" + (DataSize.ofBytes(graph).toMegabytes() + 1)
						+ "MB would hold it (if the database server can spare it)");
			}
		}
	}

	private static void logNotices(Statement statement, String name) throws SQLException {
		for (SQLWarning notice = statement.getWarnings(); notice != null; notice = notice.getNextWarning()) {
			logger.warn("Building index " + name + " of video_scenes: " + notice.getMessage()
					+ (notice.getMessage().contains("maintenance_work_mem")
							? " (set DATABASE_INDEX_BUILD_MEMORY, about 3kB per embedded scene, for a faster build)" : ""));
		}
		statement.clearWarnings();
	}

	private static boolean tableExists(Statement statement) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT to_regclass('video_scenes') IS NOT NULL")) {
			return result.next() && result.getBoolean(1);
		}
	}

	/** @return whether the index is valid, or {@code null} when there is none */
	private static Boolean validity(Statement statement, String name) throws SQLException {
		try (ResultSet result = statement.executeQuery("SELECT i.indisvalid FROM pg_index i "
				+ "WHERE i.indexrelid = to_regclass('" + name + "')")) {
			return result.next() ? result.getBoolean(1) : null;
		}
	}

	private static Map<String, String> indexes() {
		Map<String, String> indexes = new LinkedHashMap<>();
		indexes.put("idx_video_scenes_embedding_visual_clip_hnsw",
				"ON video_scenes USING hnsw (embedding_visual_clip vector_cosine_ops) WITH (m = 16, ef_construction = 64)");
		indexes.put("idx_video_scenes_has_visual_clip",
				"ON video_scenes (owner_id, video_id) WHERE embedding_visual_clip IS NOT NULL");
		indexes.put("idx_video_scenes_visual_clip_metadata", "ON video_scenes USING gin (visual_clip_metadata)");
		indexes.put("idx_video_scenes_clip_pending",
				"ON video_scenes (id) WHERE thumbnail_url IS NOT NULL AND embedding_visual_clip IS NULL");
		indexes.put("idx_video_scenes_clip_failed", "ON video_scenes (id) WHERE thumbnail_url IS NOT NULL "
				+ "AND embedding_visual_clip IS NULL AND (visual_clip_metadata ->> 'error') IS NOT NULL");
		indexes.put("idx_video_scenes_video_id", "ON video_scenes (video_id, id)");
		indexes.put("idx_video_scenes_owner_id", "ON video_scenes (owner_id, id)");
		indexes.put("idx_video_scenes_updated_at", "ON video_scenes (updated_at)");
		indexes.put("idx_video_scenes_no_thumbnail", "ON video_scenes (id) WHERE thumbnail_url IS NULL");
		return indexes;
	}

}
