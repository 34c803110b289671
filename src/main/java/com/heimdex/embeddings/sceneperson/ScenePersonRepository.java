package com.heimdex.embeddings.sceneperson;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.scene.SceneClipRepository;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Stores the scene persons of a chunk in its transaction. A scene that succeeded has its detections
 * replaced: a new box overlapping a stored one by IoU over 0.5 keeps that row's id
 * ({@link DetectionIds}), the others are new rows, stored boxes left without a match go; then its
 * detections are matched to the owner's persons ({@link #matchScenes}). A scene that failed keeps
 * its detections, and its record gets the failure beside the last result ({@code error},
 * {@code error_detail}, {@code failed_at}), as the CLIP metadata does.
 */
@Repository
public class ScenePersonRepository {

	/** The detection's owner's most similar person at or above the threshold, else NULL. */
	private static final String MATCH = """
			UPDATE scene_person_embeddings AS d SET person_id = m.person_id, updated_at = now()
			FROM (SELECT c.id, (SELECT p.id FROM persons p
			        WHERE p.owner_id = c.owner_id AND p.query_embedding IS NOT NULL
			          AND 1 - (p.query_embedding <=> c.embedding) >= ?
			        ORDER BY p.query_embedding <=> c.embedding, p.id LIMIT 1) AS person_id
			      FROM scene_person_embeddings c WHERE c.embedding IS NOT NULL AND c.%s = ANY(?)) AS m
			WHERE d.id = m.id AND d.person_id IS DISTINCT FROM m.person_id""";

	private static final String UPSERT = """
			INSERT INTO scene_person_embeddings (id, scene_id, owner_id, bbox, embedding, detector,
			    embedding_spec_fingerprint, updated_at)
			SELECT u.id, u.scene_id, u.owner_id, u.bbox::jsonb, u.vector::vector, ?::jsonb, ?, now()
			FROM unnest(?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::text[]) AS u(id, scene_id, owner_id, bbox, vector)
			JOIN video_scenes s ON s.id = u.scene_id
			ON CONFLICT (id) DO UPDATE SET scene_id = excluded.scene_id, bbox = excluded.bbox,
			    embedding = excluded.embedding, detector = excluded.detector,
			    embedding_spec_fingerprint = excluded.embedding_spec_fingerprint, updated_at = now()""";

	private static final String RECORD = """
			UPDATE video_scenes AS s
			SET scene_persons_metadata = CASE WHEN u.failed AND (s.scene_persons_metadata ->> 'detections') IS NOT NULL
			        THEN s.scene_persons_metadata || jsonb_build_object(
			            'error', u.metadata::jsonb -> 'error', 'error_detail', u.metadata::jsonb -> 'error_detail',
			            'failed_at', u.metadata::jsonb -> 'created_at',
			            'job_execution_id', u.metadata::jsonb -> 'job_execution_id')
			        ELSE u.metadata::jsonb END
			FROM unnest(?::uuid[], ?::boolean[], ?::text[]) AS u(id, failed, metadata)
			WHERE s.id = u.id""";

	private final JdbcTemplate jdbc;

	ScenePersonRepository(JdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * @param results the chunk's scenes
	 * @param detectorJson the detector's identity, stored on each detection
	 * @param specFingerprint the spec's fingerprint, stored on each detection
	 * @param matchThreshold {@code PERSON_MATCH_THRESHOLD}
	 */
	public void write(List<ScenePersonsResult> results, String detectorJson, String specFingerprint,
			double matchThreshold) {
		if (results.isEmpty()) {
			return;
		}
		List<UUID> succeeded = results.stream().filter((result) -> !result.failed()).map(ScenePersonsResult::sceneId).toList();
		if (!succeeded.isEmpty()) {
			replaceDetections(results, succeeded, detectorJson, specFingerprint);
			match("scene_id", succeeded, matchThreshold);
		}
		UUID[] ids = new UUID[results.size()];
		Boolean[] failed = new Boolean[results.size()];
		String[] metadata = new String[results.size()];
		for (int i = 0; i < results.size(); i++) {
			ids[i] = results.get(i).sceneId();
			failed[i] = results.get(i).failed();
			metadata[i] = results.get(i).metadataJson();
		}
		execute(RECORD, (connection, statement) -> {
			statement.setArray(1, connection.createArrayOf("uuid", ids));
			statement.setArray(2, connection.createArrayOf("boolean", failed));
			statement.setArray(3, connection.createArrayOf("text", metadata));
		});
	}

	/**
	 * Matches every detection of these owners again against their persons' query embeddings, in
	 * SQL: after the query embeddings changed, no model runs again.
	 * @return how many detections changed person
	 */
	public int rematchOwners(Collection<UUID> owners, double matchThreshold) {
		return owners.isEmpty() ? 0 : match("owner_id", List.copyOf(owners), matchThreshold);
	}

	private int match(String column, List<UUID> keys, double matchThreshold) {
		return execute(MATCH.formatted(column), (connection, statement) -> {
			statement.setDouble(1, matchThreshold);
			statement.setArray(2, connection.createArrayOf("uuid", keys.toArray()));
		});
	}

	private void replaceDetections(List<ScenePersonsResult> results, List<UUID> succeeded, String detectorJson,
			String specFingerprint) {
		Map<UUID, Map<UUID, PersonBox>> stored = storedBoxes(succeeded);
		List<UUID> ids = new ArrayList<>();
		List<UUID> scenes = new ArrayList<>();
		List<UUID> owners = new ArrayList<>();
		List<String> boxes = new ArrayList<>();
		List<String> vectors = new ArrayList<>();
		for (ScenePersonsResult result : results) {
			if (result.failed()) {
				continue;
			}
			List<UUID> assigned = DetectionIds.assign(stored.getOrDefault(result.sceneId(), Map.of()),
					result.detections().stream().map(SceneDetection::box).toList());
			for (int i = 0; i < assigned.size(); i++) {
				SceneDetection detection = result.detections().get(i);
				ids.add(assigned.get(i));
				scenes.add(result.sceneId());
				owners.add(result.ownerId());
				boxes.add(bboxJson(detection.box()));
				vectors.add(SceneClipRepository.vectorText(detection.embedding()));
			}
		}
		execute("DELETE FROM scene_person_embeddings WHERE scene_id = ANY(?) AND NOT (id = ANY(?))",
				(connection, statement) -> {
					statement.setArray(1, connection.createArrayOf("uuid", succeeded.toArray()));
					statement.setArray(2, connection.createArrayOf("uuid", ids.toArray()));
				});
		if (ids.isEmpty()) {
			return;
		}
		execute(UPSERT, (connection, statement) -> {
			statement.setString(1, detectorJson);
			statement.setString(2, specFingerprint);
			statement.setArray(3, connection.createArrayOf("uuid", ids.toArray()));
			statement.setArray(4, connection.createArrayOf("uuid", scenes.toArray()));
			statement.setArray(5, connection.createArrayOf("uuid", owners.toArray()));
			statement.setArray(6, connection.createArrayOf("text", boxes.toArray()));
			statement.setArray(7, connection.createArrayOf("text", vectors.toArray()));
		});
	}

	private Map<UUID, Map<UUID, PersonBox>> storedBoxes(List<UUID> scenes) {
		Map<UUID, Map<UUID, PersonBox>> stored = new HashMap<>();
		this.jdbc.query("""
				SELECT id, scene_id, (bbox ->> 'x1')::real, (bbox ->> 'y1')::real, (bbox ->> 'x2')::real,
				  (bbox ->> 'y2')::real, coalesce((bbox ->> 'score')::real, 0),
				  coalesce((bbox ->> 'image_width')::int, 0), coalesce((bbox ->> 'image_height')::int, 0)
				FROM scene_person_embeddings
				WHERE scene_id = ANY(?) AND (bbox ->> 'x1') IS NOT NULL AND (bbox ->> 'y1') IS NOT NULL
				  AND (bbox ->> 'x2') IS NOT NULL AND (bbox ->> 'y2') IS NOT NULL""",
				(statement) -> statement.setArray(1, statement.getConnection().createArrayOf("uuid", scenes.toArray())),
				(rs) -> {
					stored.computeIfAbsent(rs.getObject(2, UUID.class), (scene) -> new LinkedHashMap<>())
						.put(rs.getObject(1, UUID.class), new PersonBox(rs.getFloat(3), rs.getFloat(4), rs.getFloat(5),
								rs.getFloat(6), rs.getFloat(7), rs.getInt(8), rs.getInt(9)));
				});
		return stored;
	}

	/** {@code bbox}: x1, y1, x2, y2 in source pixels, score, image_width, image_height. */
	static String bboxJson(PersonBox box) {
		return "{\"x1\": " + box.x1() + ", \"y1\": " + box.y1() + ", \"x2\": " + box.x2() + ", \"y2\": " + box.y2()
				+ ", \"score\": " + box.score() + ", \"image_width\": " + box.imageWidth() + ", \"image_height\": "
				+ box.imageHeight() + "}";
	}

	@FunctionalInterface
	private interface Binder {

		void bind(Connection connection, PreparedStatement statement) throws java.sql.SQLException;

	}

	private int execute(String sql, Binder binder) {
		Integer updated = this.jdbc.execute((Connection connection) -> {
			try (PreparedStatement statement = connection.prepareStatement(sql)) {
				binder.bind(connection, statement);
				return statement.executeUpdate();
			}
		});
		return (updated != null) ? updated : 0;
	}

}
