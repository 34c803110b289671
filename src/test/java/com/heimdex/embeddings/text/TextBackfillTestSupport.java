package com.heimdex.embeddings.text;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.pgvector.PGvector;

import org.springframework.jdbc.core.JdbcTemplate;

/** Videos, scenes with texts, and what PostgreSQL holds for them, for the textBackfill tests. */
final class TextBackfillTestSupport {

	private TextBackfillTestSupport() {
	}

	static UUID video(JdbcTemplate jdbc, UUID owner) {
		UUID id = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", id, owner);
		return id;
	}

	/** Inserts a scene; ids ascend with {@code index} so keyset order is insertion order. */
	static UUID scene(JdbcTemplate jdbc, UUID video, UUID owner, int index, String transcript, String visualDescription,
			List<String> tags, String summary) {
		UUID id = new UUID(0x7E70_0000_0000_0000L | index, UUID.randomUUID().getLeastSignificantBits());
		String tagArray = (tags == null) ? null
				: tags.stream().map((tag) -> "\"" + tag.replace("\"", "\\\"") + "\"").collect(Collectors.joining(",", "{", "}"));
		jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript, visual_description, tags, summary)
				VALUES (?, ?, ?, ?, ?, ?, ?::text[], ?)""", id, video, owner, index, transcript, visualDescription, tagArray,
				summary);
		return id;
	}

	/** {@code count} scenes of short texts in one statement: transcript, description and one of 7 tags. */
	static void shortScenes(JdbcTemplate jdbc, UUID video, UUID owner, int count) {
		jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, transcript, visual_description, tags)
				SELECT gen_random_uuid(), ?, ?, i, 'Scene ' || i || ': someone says hello to the camera.',
				       'A wide shot number ' || i, ARRAY['tag' || (i % 7)]
				FROM generate_series(0, ? - 1) AS i""", video, owner, count);
	}

	/** The vector stored for a channel column, or {@code null}. */
	static float[] vector(JdbcTemplate jdbc, UUID scene, String column) {
		String text = jdbc.queryForObject("SELECT " + column + "::text FROM video_scenes WHERE id = ?", String.class,
				scene);
		try {
			return (text != null) ? new PGvector(text).toArray() : null;
		}
		catch (SQLException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** One channel's metadata entry as text values ({@code null} when absent). */
	static Map<String, Object> entry(JdbcTemplate jdbc, UUID scene, String channel) {
		return jdbc.queryForMap("""
				SELECT m ->> 'model' AS model, (m ->> 'dimensions')::int AS dimensions,
				  m ->> 'content_sha256' AS content_sha256, (m ->> 'tokens')::int AS tokens,
				  (m ->> 'truncated')::boolean AS truncated, (m ->> 'cached')::boolean AS cached,
				  m ->> 'created_at' AS created_at, m ->> 'error' AS error, m ->> 'error_detail' AS error_detail,
				  (m ->> 'job_execution_id')::bigint AS execution, m IS NOT NULL AS present
				FROM (SELECT text_embedding_metadata -> ? AS m FROM video_scenes WHERE id = ?) AS s""", channel, scene);
	}

	static long count(JdbcTemplate jdbc, String where) {
		return jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE " + where, Long.class);
	}

}
