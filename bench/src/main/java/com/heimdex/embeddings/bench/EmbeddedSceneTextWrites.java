package com.heimdex.embeddings.bench;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;

import com.heimdex.embeddings.scene.SceneTextRepository;
import com.heimdex.embeddings.scene.SceneTextResult;
import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.support.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What an update of scenes that already have a CLIP vector costs the database: the text job's own
 * write ({@link SceneTextRepository}) of new vectors for all three channels of {@code scenes}
 * embedded scenes chosen at random among those without text vectors yet, in chunks of
 * {@code chunk}, a transaction each, as the job commits them. Measured: the writing backend's CPU
 * time ({@code /proc}) and how many of the updates were heap-only (the row's new version on its
 * page: no index entry, the HNSW index's included), from the transaction's own statistics.
 */
final class EmbeddedSceneTextWrites {

	private static final int DIMENSIONS = 1536;

	/** A metadata patch as the job writes it for three channels. */
	private static final String METADATA = """
			{"transcript": {"model": "text-embedding-3-small", "dimensions": 1536, "content_sha256": \
			"9f2b5c0e8a1d4f3b6c7e8d9a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c", "tokens": 212, "truncated": false, "cached": false, \
			"created_at": "2026-11-30T00:00:00Z", "error": null, "job_execution_id": 42}, \
			"visual": {"model": "text-embedding-3-small", "dimensions": 1536, "content_sha256": \
			"0a1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f9", "tokens": 212, "truncated": false, "cached": false, \
			"created_at": "2026-11-30T00:00:00Z", "error": null, "job_execution_id": 42}, \
			"summary": {"model": "text-embedding-3-small", "dimensions": 1536, "content_sha256": \
			"1b2c3d4e5f60718293a4b5c6d7e8f90a1b2c3d4e5f60718293a4b5c6d7e8f90a", "tokens": 212, "truncated": false, "cached": false, \
			"created_at": "2026-11-30T00:00:00Z", "error": null, "job_execution_id": 42}}""";

	private EmbeddedSceneTextWrites() {
	}

	/**
	 * {@code heapOnlyShare}: heap-only updates over all updates of video_scenes; both figures NaN when
	 * no embedded scene without text vectors is left (an empty fill).
	 */
	record Measured(int scenes, double cpuMillisPerScene, double heapOnlyShare) {
	}

	static Measured measure(TestDatabase database, int scenes, int chunk) {
		SingleConnectionDataSource connection = new SingleConnectionDataSource(database.jdbcUrl(), database.user(),
				database.password(), true);
		try {
			JdbcTemplate jdbc = new JdbcTemplate(connection);
			List<UUID> ids = jdbc.queryForList("SELECT id FROM video_scenes WHERE embedding_visual_clip IS NOT NULL"
					+ " AND embedding_transcript IS NULL AND owner_id <> ? ORDER BY random() LIMIT ?", UUID.class,
					ScaleScenes.PENDING_OWNER, scenes);
			if (ids.isEmpty()) {
				return new Measured(0, Double.NaN, Double.NaN);
			}
			SceneTextRepository repository = new SceneTextRepository(jdbc);
			TransactionTemplate transactions = new TransactionTemplate(new DataSourceTransactionManager(connection));
			Map<TextChannel, float[]> vectors = vectors();
			Integer pid = jdbc.queryForObject("SELECT pg_backend_pid()", Integer.class);
			long ticksBefore = RunObserver.ticks(pid);
			long updates = 0;
			long heapOnly = 0;
			for (int from = 0; from < ids.size(); from += chunk) {
				List<SceneTextResult> results = new ArrayList<>();
				for (UUID id : ids.subList(from, Math.min(ids.size(), from + chunk))) {
					results.add(new SceneTextResult(id, vectors, METADATA));
				}
				long[] counted = transactions.execute((status) -> {
					repository.write(results);
					return jdbc.queryForObject("SELECT n_tup_upd, n_tup_hot_upd FROM pg_stat_xact_user_tables"
							+ " WHERE relname = 'video_scenes'", (row, i) -> new long[] { row.getLong(1), row.getLong(2) });
				});
				updates += counted[0];
				heapOnly += counted[1];
			}
			double cpuSeconds = (RunObserver.ticks(pid) - ticksBefore) / RunObserver.TICKS_PER_SECOND;
			return new Measured(ids.size(), 1000 * cpuSeconds / ids.size(), (double) heapOnly / updates);
		}
		finally {
			connection.destroy();
		}
	}

	private static Map<TextChannel, float[]> vectors() {
		SplittableRandom random = new SplittableRandom(19);
		Map<TextChannel, float[]> vectors = new EnumMap<>(TextChannel.class);
		for (TextChannel channel : TextChannel.values()) {
			float[] vector = new float[DIMENSIONS];
			for (int i = 0; i < DIMENSIONS; i++) {
				vector[i] = (float) (random.nextDouble() - 0.5);
			}
			vectors.put(channel, vector);
		}
		return vectors;
	}

}
