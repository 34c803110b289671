package com.heimdex.embeddings.lexical;

import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * {@code scene_lexical_index}: per scene and back end, which document hash was indexed where and
 * when, or why the last attempt failed. A failure keeps what was indexed before (the index still
 * holds that document) and records the attempt beside it; a removed scene's row goes.
 */
class SceneLexicalIndexRepository {

	private static final String RECORD = """
			INSERT INTO scene_lexical_index AS m (scene_id, target, video_id, owner_id, content_sha256, index_name,
			    indexed_at, error, error_detail, attempted_sha256, attempted_at, job_execution_id)
			SELECT u.id, ?, u.video_id, u.owner_id,
			       CASE WHEN u.error IS NULL THEN u.sha256 END, CASE WHEN u.error IS NULL THEN ? END,
			       CASE WHEN u.error IS NULL THEN now() END, u.error, u.detail, u.sha256, now(), ?
			FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[], ?::text[])
			         AS u(id, video_id, owner_id, sha256, error, detail)
			ON CONFLICT (target, scene_id) DO UPDATE SET video_id = excluded.video_id, owner_id = excluded.owner_id,
			    content_sha256 = coalesce(excluded.content_sha256, m.content_sha256),
			    index_name = coalesce(excluded.index_name, m.index_name),
			    indexed_at = coalesce(excluded.indexed_at, m.indexed_at),
			    error = excluded.error, error_detail = excluded.error_detail,
			    attempted_sha256 = excluded.attempted_sha256, attempted_at = excluded.attempted_at,
			    job_execution_id = excluded.job_execution_id""";

	private final JdbcTemplate jdbc;

	SceneLexicalIndexRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Records the outcomes of one chunk in {@code target}'s {@code indexName}. */
	void record(String target, String indexName, long jobExecutionId, List<LexicalOutcome> outcomes) {
		List<LexicalOutcome> written = outcomes.stream().filter((outcome) -> !outcome.item().removed()).toList();
		UUID[] removed = outcomes.stream()
			.filter((outcome) -> outcome.item().removed() && outcome.succeeded())
			.map((outcome) -> outcome.item().sceneId())
			.toArray(UUID[]::new);
		if (!written.isEmpty()) {
			this.jdbc.update((connection) -> {
				PreparedStatement statement = connection.prepareStatement(RECORD);
				statement.setString(1, target);
				statement.setString(2, indexName);
				statement.setLong(3, jobExecutionId);
				statement.setArray(4, connection.createArrayOf("uuid", written.stream().map((o) -> o.item().sceneId()).toArray()));
				statement.setArray(5, connection.createArrayOf("uuid", written.stream().map((o) -> o.item().videoId()).toArray()));
				statement.setArray(6, connection.createArrayOf("uuid", written.stream().map((o) -> o.item().ownerId()).toArray()));
				statement.setArray(7, connection.createArrayOf("text", written.stream().map((o) -> o.item().contentSha256()).toArray()));
				statement.setArray(8, connection.createArrayOf("text",
						written.stream().map((o) -> (o.error() != null) ? o.error().code() : null).toArray()));
				statement.setArray(9, connection.createArrayOf("text", written.stream().map(LexicalOutcome::detail).toArray()));
				return statement;
			});
		}
		if (removed.length > 0) {
			this.jdbc.update((connection) -> {
				PreparedStatement statement = connection
					.prepareStatement("DELETE FROM scene_lexical_index WHERE target = ? AND scene_id = ANY (?::uuid[])");
				statement.setString(1, target);
				statement.setArray(2, connection.createArrayOf("uuid", removed));
				return statement;
			});
		}
	}

}
