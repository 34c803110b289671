package com.heimdex.embeddings.person;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import com.heimdex.embeddings.scene.SceneClipRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stores the query embeddings of a chunk of persons in one statement, with what they were computed
 * from ({@code query_embedding_metadata}) and the spec they are current at.
 */
@Repository
public class PersonQueryRepository {

	private static final String UPDATE_QUERIES = """
			UPDATE persons AS p
			SET query_embedding = u.vector::vector, query_embedding_metadata = u.metadata::jsonb,
			    embedding_spec_version = ?, embedding_spec_fingerprint = ?
			FROM unnest(?::uuid[], ?::text[], ?::text[]) AS u(id, vector, metadata)
			WHERE p.id = u.id""";

	private final JdbcTemplate jdbcTemplate;

	PersonQueryRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/**
	 * A person's new query.
	 *
	 * @param personId the person
	 * @param query its query vector, or {@code null} without READY photos
	 * @param metadataJson what it was computed from
	 */
	public record PersonQueryResult(UUID personId, float[] query, String metadataJson) {
	}

	/** @return how many persons were updated */
	public int write(List<PersonQueryResult> results, String specVersion, String specFingerprint) {
		if (results.isEmpty()) {
			return 0;
		}
		UUID[] ids = new UUID[results.size()];
		String[] vectors = new String[results.size()];
		String[] metadata = new String[results.size()];
		for (int i = 0; i < results.size(); i++) {
			ids[i] = results.get(i).personId();
			vectors[i] = (results.get(i).query() != null) ? SceneClipRepository.vectorText(results.get(i).query()) : null;
			metadata[i] = results.get(i).metadataJson();
		}
		Integer updated = this.jdbcTemplate.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(UPDATE_QUERIES)) {
				statement.setString(1, specVersion);
				statement.setString(2, specFingerprint);
				statement.setArray(3, connection.createArrayOf("uuid", ids));
				statement.setArray(4, connection.createArrayOf("text", vectors));
				statement.setArray(5, connection.createArrayOf("text", metadata));
				return statement.executeUpdate();
			}
		});
		return (updated != null) ? updated : 0;
	}

}
