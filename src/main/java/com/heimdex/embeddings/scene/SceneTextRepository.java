package com.heimdex.embeddings.scene;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stores the text vectors and metadata of a whole chunk in one statement. A channel without a new
 * vector keeps its column as it was; the metadata patch replaces only the entries of the channels
 * processed. Each scene's attempt is counted: consecutive attempts in which a channel failed, and the
 * last attempt's time (see {@link FailedAttemptBackoff}). Runs in the chunk's transaction, so vectors, metadata and the restart point commit
 * together.
 */
@Repository
public class SceneTextRepository {

	private static final String UPDATE_TEXT = """
			UPDATE video_scenes AS s
			SET embedding_transcript = coalesce(u.transcript::vector, s.embedding_transcript),
			    embedding_visual = coalesce(u.visual::vector, s.embedding_visual),
			    embedding_summary = coalesce(u.summary::vector, s.embedding_summary),
			    text_embedding_metadata = CASE WHEN jsonb_typeof(s.text_embedding_metadata) = 'object'
			        THEN s.text_embedding_metadata ELSE '{}'::jsonb END || u.metadata::jsonb,
			    text_embedding_failures = CASE WHEN EXISTS (SELECT 1 FROM jsonb_each(u.metadata::jsonb) AS c(channel, entry)
			            WHERE c.entry ->> 'error' IS NOT NULL) THEN s.text_embedding_failures + 1 ELSE 0 END,
			    text_embedding_attempted_at = now()
			FROM unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])
			    AS u(id, transcript, visual, summary, metadata)
			WHERE s.id = u.id""";

	private final JdbcTemplate jdbcTemplate;

	public SceneTextRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/** @return how many scenes were updated (scenes deleted meanwhile are not) */
	public int write(List<SceneTextResult> results) {
		if (results.isEmpty()) {
			return 0;
		}
		int size = results.size();
		UUID[] ids = new UUID[size];
		String[][] vectors = new String[TextChannel.values().length][size];
		String[] metadata = new String[size];
		for (int i = 0; i < size; i++) {
			SceneTextResult result = results.get(i);
			ids[i] = result.sceneId();
			for (TextChannel channel : TextChannel.values()) {
				float[] vector = result.vectors().get(channel);
				vectors[channel.ordinal()][i] = (vector != null) ? SceneClipRepository.vectorText(vector) : null;
			}
			metadata[i] = result.metadataPatch();
		}
		Integer updated = this.jdbcTemplate.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(UPDATE_TEXT)) {
				statement.setArray(1, connection.createArrayOf("uuid", ids));
				statement.setArray(2, connection.createArrayOf("text", vectors[TextChannel.TRANSCRIPT.ordinal()]));
				statement.setArray(3, connection.createArrayOf("text", vectors[TextChannel.VISUAL.ordinal()]));
				statement.setArray(4, connection.createArrayOf("text", vectors[TextChannel.SUMMARY.ordinal()]));
				statement.setArray(5, connection.createArrayOf("text", metadata));
				return statement.executeUpdate();
			}
		});
		return (updated != null) ? updated : 0;
	}

}
