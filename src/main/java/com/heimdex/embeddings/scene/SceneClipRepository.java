package com.heimdex.embeddings.scene;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Upserts CLIP vectors and metadata of a whole chunk in one statement. Runs in the chunk's
 * transaction, so the vectors, the metadata and the job's restart point commit together. A scene
 * whose re-embedding failed keeps the vector it had, and its metadata (which describes that
 * vector) gets the failure beside it: {@code error}, {@code error_detail}, {@code failed_at}; a
 * scene without a vector gets the failure's metadata. Each scene's attempt is counted too
 * (consecutive failures, last attempt time; see {@link FailedAttemptBackoff}).
 */
@Repository
public class SceneClipRepository {

	/**
	 * The chunk's vectors travel back to back in one binary {@code real[]} (no float formatting
	 * and parsing, about 5 MB of text per 1000 scenes), each scene naming its slot in it, or none.
	 */
	private static final String UPDATE_CLIP = """
			UPDATE video_scenes AS s
			SET embedding_visual_clip = CASE WHEN u.slot IS NULL THEN s.embedding_visual_clip
			        ELSE (v.vectors[(u.slot - 1) * v.dimensions + 1 : u.slot * v.dimensions])::vector END,
			    visual_clip_metadata = CASE WHEN u.slot IS NULL AND s.embedding_visual_clip IS NOT NULL
			        THEN coalesce(s.visual_clip_metadata, '{}'::jsonb) || jsonb_build_object(
			            'error', u.metadata::jsonb -> 'error', 'error_detail', u.metadata::jsonb -> 'error_detail',
			            'failed_at', u.metadata::jsonb -> 'created_at',
			            'job_execution_id', u.metadata::jsonb -> 'job_execution_id')
			        ELSE u.metadata::jsonb END,
			    visual_clip_failures = CASE WHEN (u.metadata::jsonb ->> 'error') IS NULL THEN 0
			        ELSE s.visual_clip_failures + 1 END,
			    visual_clip_attempted_at = now()
			FROM unnest(?::uuid[], ?::int[], ?::text[]) AS u(id, slot, metadata),
			    (SELECT ?::real[] AS vectors, ?::int AS dimensions) AS v
			WHERE s.id = u.id""";

	private final JdbcTemplate jdbcTemplate;

	SceneClipRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/** @return how many scenes were updated (scenes deleted meanwhile are not) */
	public int writeClip(List<SceneClipResult> results) {
		if (results.isEmpty()) {
			return 0;
		}
		UUID[] ids = new UUID[results.size()];
		Integer[] slots = new Integer[results.size()];
		String[] metadata = new String[results.size()];
		List<float[]> vectors = new ArrayList<>(results.size());
		for (int i = 0; i < results.size(); i++) {
			SceneClipResult result = results.get(i);
			ids[i] = result.sceneId();
			if (result.embedding() != null) {
				vectors.add(result.embedding());
				slots[i] = vectors.size();
			}
			metadata[i] = result.metadataJson();
		}
		int dimensions = vectors.isEmpty() ? 0 : vectors.get(0).length;
		float[] concatenated = new float[vectors.size() * dimensions];
		for (int i = 0; i < vectors.size(); i++) {
			float[] vector = vectors.get(i);
			if (vector.length != dimensions) {
				throw new IllegalArgumentException("CLIP vectors of one chunk differ in length: " + dimensions + " and "
						+ vector.length);
			}
			System.arraycopy(vector, 0, concatenated, i * dimensions, dimensions);
		}
		Integer updated = this.jdbcTemplate.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(UPDATE_CLIP)) {
				statement.setArray(1, connection.createArrayOf("uuid", ids));
				statement.setArray(2, connection.createArrayOf("int4", slots));
				statement.setArray(3, connection.createArrayOf("text", metadata));
				// a primitive array: the driver sends it in binary
				statement.setObject(4, concatenated);
				statement.setInt(5, dimensions);
				return statement.executeUpdate();
			}
		});
		return (updated != null) ? updated : 0;
	}

	/** pgvector's text form: {@code [0.1,0.2,...]}. */
	public static String vectorText(float[] vector) {
		StringBuilder text = new StringBuilder(vector.length * 12).append('[');
		for (int i = 0; i < vector.length; i++) {
			if (i > 0) {
				text.append(',');
			}
			text.append(vector[i]);
		}
		return text.append(']').toString();
	}

}
