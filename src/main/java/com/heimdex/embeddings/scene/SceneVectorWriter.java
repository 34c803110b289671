package com.heimdex.embeddings.scene;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Upserts CLIP vectors and metadata of a whole chunk in one statement. Runs in the chunk's
 * transaction, so the vectors, the metadata and the job's restart point commit together.
 */
@Repository
public class SceneVectorWriter {

	private static final String UPDATE_CLIP = """
			UPDATE video_scenes AS s
			SET embedding_visual_clip = u.embedding::vector, visual_clip_metadata = u.metadata::jsonb
			FROM unnest(?::uuid[], ?::text[], ?::text[]) AS u(id, embedding, metadata)
			WHERE s.id = u.id""";

	private final JdbcTemplate jdbcTemplate;

	SceneVectorWriter(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/** @return how many scenes were updated (scenes deleted meanwhile are not) */
	public int writeClip(List<SceneClipResult> results) {
		if (results.isEmpty()) {
			return 0;
		}
		UUID[] ids = new UUID[results.size()];
		String[] embeddings = new String[results.size()];
		String[] metadata = new String[results.size()];
		for (int i = 0; i < results.size(); i++) {
			SceneClipResult result = results.get(i);
			ids[i] = result.sceneId();
			embeddings[i] = (result.embedding() != null) ? vectorText(result.embedding()) : null;
			metadata[i] = result.metadataJson();
		}
		Integer updated = this.jdbcTemplate.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(UPDATE_CLIP)) {
				statement.setArray(1, connection.createArrayOf("uuid", ids));
				statement.setArray(2, connection.createArrayOf("text", embeddings));
				statement.setArray(3, connection.createArrayOf("text", metadata));
				return statement.executeUpdate();
			}
		});
		return (updated != null) ? updated : 0;
	}

	/** pgvector's text form: {@code [0.1,0.2,...]}. */
	static String vectorText(float[] vector) {
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
