package com.heimdex.embeddings.bench;

import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The scale bench's database: {@code embedded} scenes that already have a CLIP embedding (random
 * unit vectors) under the HNSW index the migration declares, made once in SQL and kept between
 * runs, plus the pending scenes of a run, replaced at each run.
 */
final class ScaleScenes {

	/** The owner of the pending scenes, so that a run can remove the previous run's. */
	static final UUID PENDING_OWNER = UUID.fromString("5ca1e000-0000-4000-8000-00000000beef");

	private static final int SCENES_PER_VIDEO = 100;

	private static final int SCENES_PER_OWNER = 10_000;

	/** The migration's HNSW index (V1__scene_schema.sql), rebuilt after the rows are in. */
	private static final String HNSW_INDEX = """
			CREATE INDEX IF NOT EXISTS idx_video_scenes_embedding_visual_clip_hnsw
			    ON video_scenes USING hnsw (embedding_visual_clip vector_cosine_ops)
			    WITH (m = 16, ef_construction = 64)""";

	private ScaleScenes() {
	}

	/**
	 * How the embedded scenes were made; {@code fillFactor}: the table's fill factor when its pages were
	 * written (100 for a fill recorded before the bench recorded it).
	 */
	record Fill(long embedded, double seconds, double indexSeconds, int fillFactor, boolean reused) {
	}

	/**
	 * Fills {@code embedded} scenes unless the database already holds that fill (a marker table
	 * records it once complete). Vectors: 512 uniform components in [-0.5, 0.5], L2-normalised; the
	 * rows are inserted without the HNSW index, which is then built with the migration's definition.
	 */
	static Fill fill(JdbcTemplate jdbc, long embedded) {
		jdbc.execute("CREATE TABLE IF NOT EXISTS bench_scale_fill (embedded bigint NOT NULL, seconds float8 NOT NULL,"
				+ " index_seconds float8 NOT NULL, filled_at timestamptz NOT NULL DEFAULT now())");
		jdbc.execute("ALTER TABLE bench_scale_fill ADD COLUMN IF NOT EXISTS fill_factor integer");
		List<Fill> done = jdbc.query(
				"SELECT embedded, seconds, index_seconds, coalesce(fill_factor, 100) FROM bench_scale_fill",
				(row, i) -> new Fill(row.getLong(1), row.getDouble(2), row.getDouble(3), row.getInt(4), true));
		if (done.size() == 1 && done.get(0).embedded() == embedded) {
			return done.get(0);
		}
		long start = System.nanoTime();
		jdbc.execute("TRUNCATE bench_scale_fill, video_scenes, videos CASCADE");
		jdbc.execute("DROP INDEX IF EXISTS idx_video_scenes_embedding_visual_clip_hnsw");
		long videos = (embedded + SCENES_PER_VIDEO - 1) / SCENES_PER_VIDEO;
		jdbc.update("""
				INSERT INTO videos (id, owner_id, status)
				SELECT md5('video' || v)::uuid, md5('owner' || (v * ? / ?))::uuid, 'READY'
				FROM generate_series(0, ? - 1) AS v""", SCENES_PER_VIDEO, SCENES_PER_OWNER, videos);
		jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url,
				    embedding_visual_clip, visual_clip_metadata)
				SELECT gen_random_uuid(), md5('video' || (i / ?))::uuid, md5('owner' || (i / ?))::uuid, i % ?,
				    'https://storage.example/thumbnails/' || i || '.jpg',
				    l2_normalize((SELECT array_agg(random() - 0.5) FROM generate_series(1, 512) WHERE i >= 0)::vector),
				    jsonb_build_object('model_name', 'ViT-B-32', 'pretrained', 'openai', 'embed_dim', 512,
				        'normalized', true, 'device', 'cpu', 'frame_path', 'https://storage.example/thumbnails/' || i || '.jpg',
				        'frame_quality', 'thumbnail', 'inference_time_ms', 30 + i % 20,
				        'created_at', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'), 'error', null)
				FROM generate_series(0, ? - 1) AS i""", SCENES_PER_VIDEO, SCENES_PER_OWNER, SCENES_PER_VIDEO, embedded);
		long indexStart = System.nanoTime();
		// the SET must reach the connection that builds the index
		jdbc.execute((ConnectionCallback<Void>) (connection) -> {
			try (Statement statement = connection.createStatement()) {
				statement.execute("SET maintenance_work_mem = '" + indexBuildMegabytes(embedded) + "MB'");
				statement.execute(HNSW_INDEX);
				statement.execute("RESET maintenance_work_mem");
			}
			return null;
		});
		double indexSeconds = (System.nanoTime() - indexStart) / 1e9;
		jdbc.execute("VACUUM ANALYZE video_scenes");
		double seconds = (System.nanoTime() - start) / 1e9;
		int fillFactor = fillFactor(jdbc);
		jdbc.update("INSERT INTO bench_scale_fill (embedded, seconds, index_seconds, fill_factor) VALUES (?, ?, ?, ?)",
				embedded, seconds, indexSeconds, fillFactor);
		return new Fill(embedded, seconds, indexSeconds, fillFactor, false);
	}

	/** Memory that holds the HNSW graph of {@code embedded} vectors (about 3 kB each), at least 64 MB. */
	static long indexBuildMegabytes(long embedded) {
		return Math.max(64, embedded * 4 / 1000);
	}

	/** The fill factor new pages of video_scenes get (the migration's, unless set otherwise). */
	static int fillFactor(JdbcTemplate jdbc) {
		Integer fillFactor = jdbc.queryForObject("""
				SELECT coalesce((SELECT o.option_value::integer FROM pg_options_to_table(c.reloptions) AS o
				                 WHERE o.option_name = 'fillfactor'), 100)
				FROM pg_class c WHERE c.oid = 'video_scenes'::regclass""", Integer.class);
		return (fillFactor != null) ? fillFactor : 100;
	}

	/** Replaces the previous run's pending scenes by {@code count} new ones, ids spread over the table's. */
	static void replacePending(JdbcTemplate jdbc, BenchThumbnails thumbnails, int count) {
		jdbc.update("DELETE FROM videos WHERE owner_id = ?", PENDING_OWNER);
		List<Object[]> videos = new ArrayList<>();
		List<Object[]> scenes = new ArrayList<>();
		UUID video = null;
		for (int i = 0; i < count; i++) {
			if (i % SCENES_PER_VIDEO == 0) {
				video = UUID.randomUUID();
				videos.add(new Object[] { video, PENDING_OWNER });
			}
			scenes.add(new Object[] { UUID.randomUUID(), video, PENDING_OWNER, i % SCENES_PER_VIDEO, thumbnails.url(i) });
		}
		jdbc.batchUpdate("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", videos);
		jdbc.batchUpdate("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url)"
				+ " VALUES (?, ?, ?, ?, ?)", scenes);
	}

	/** Pending scenes that got their embedding. */
	static long pendingEmbedded(JdbcTemplate jdbc) {
		Long count = jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE owner_id = ?"
				+ " AND embedding_visual_clip IS NOT NULL", Long.class, PENDING_OWNER);
		return (count != null) ? count : 0;
	}

}
