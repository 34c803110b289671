package com.heimdex.embeddings.person;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.List;
import java.util.UUID;

import com.heimdex.embeddings.scene.SceneClipRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stores the photos of a chunk in one statement, in the chunk's transaction. An embedded photo is
 * {@code READY} with its vector; a failed one is {@code FAILED} with the error code in its metadata,
 * unless it had a working vector: that one stays {@code READY} with its vector, and the failure is
 * recorded beside it ({@code error}, {@code error_detail}, {@code failed_at}), so it is retried.
 */
@Repository
public class PersonPhotoRepository {

	private static final String UPDATE_PHOTOS = """
			UPDATE person_reference_photos AS p
			SET embedding = coalesce(u.vector::vector, p.embedding),
			    status = CASE WHEN u.vector IS NOT NULL THEN 'READY'
			        WHEN p.embedding IS NOT NULL AND p.status = 'READY' THEN 'READY' ELSE 'FAILED' END,
			    embedding_metadata = CASE WHEN u.vector IS NULL AND p.embedding IS NOT NULL AND p.status = 'READY'
			        THEN coalesce(p.embedding_metadata, '{}'::jsonb) || jsonb_build_object(
			            'error', u.metadata::jsonb -> 'error', 'error_detail', u.metadata::jsonb -> 'error_detail',
			            'failed_at', u.metadata::jsonb -> 'created_at',
			            'job_execution_id', u.metadata::jsonb -> 'job_execution_id')
			        ELSE u.metadata::jsonb END,
			    updated_at = now()
			FROM unnest(?::uuid[], ?::text[], ?::text[]) AS u(id, vector, metadata)
			WHERE p.id = u.id""";

	private final JdbcTemplate jdbcTemplate;

	PersonPhotoRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	/** @return how many photos were updated (photos deleted meanwhile are not) */
	public int write(List<PhotoResult> results) {
		if (results.isEmpty()) {
			return 0;
		}
		UUID[] ids = new UUID[results.size()];
		String[] vectors = new String[results.size()];
		String[] metadata = new String[results.size()];
		for (int i = 0; i < results.size(); i++) {
			PhotoResult result = results.get(i);
			ids[i] = result.photoId();
			vectors[i] = (result.embedding() != null) ? SceneClipRepository.vectorText(result.embedding()) : null;
			metadata[i] = result.metadataJson();
		}
		Integer updated = this.jdbcTemplate.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(UPDATE_PHOTOS)) {
				statement.setArray(1, connection.createArrayOf("uuid", ids));
				statement.setArray(2, connection.createArrayOf("text", vectors));
				statement.setArray(3, connection.createArrayOf("text", metadata));
				return statement.executeUpdate();
			}
		});
		return (updated != null) ? updated : 0;
	}

}
