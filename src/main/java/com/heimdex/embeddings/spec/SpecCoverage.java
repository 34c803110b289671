package com.heimdex.embeddings.spec;

import java.util.List;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** How many rows of each table are at the current embedding spec, for {@code status}. */
@Repository
public class SpecCoverage {

	private final NamedParameterJdbcTemplate jdbc;

	SpecCoverage(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * One table's coverage.
	 *
	 * @param table the table
	 * @param rows its rows
	 * @param current rows at the current spec
	 * @param note what else operators want to know of it, or empty
	 */
	public record TableCoverage(String table, long rows, long current, String note) {

		public double percent() {
			return (this.rows == 0) ? 100.0 : 100.0 * this.current / this.rows;
		}

	}

	public List<TableCoverage> coverage(EmbeddingSpec spec) {
		java.util.Map<String, Object> values = new java.util.HashMap<>();
		values.put("fingerprint", spec.fingerprint());
		values.put("photoFingerprint", String.valueOf(spec.stepFingerprint(EmbeddingSpec.PERSON_PHOTOS)));
		values.put("personsFingerprint", String.valueOf(spec.stepFingerprint(EmbeddingSpec.SCENE_PERSONS)));
		return List.of(
				this.jdbc.queryForObject("""
						SELECT count(*) AS rows, count(*) FILTER (WHERE embedding_spec_fingerprint = :fingerprint) AS current,
						  count(*) FILTER (WHERE status = 'PROCESSING') AS processing FROM videos""", values,
						(rs, row) -> new TableCoverage("videos", rs.getLong(1), rs.getLong(2),
								"PROCESSING (skipped by reprocess): " + rs.getLong(3))),
				this.jdbc.queryForObject("""
						SELECT count(*), count(*) FILTER (WHERE embedding_spec_fingerprint = :fingerprint)
						FROM video_scenes""", values, (rs, row) -> new TableCoverage("video_scenes", rs.getLong(1),
						rs.getLong(2), "")),
				this.jdbc.queryForObject("""
						SELECT count(*), count(*) FILTER (WHERE embedding_spec_fingerprint = :fingerprint),
						  count(query_embedding) FROM persons""", values,
						(rs, row) -> new TableCoverage("persons", rs.getLong(1), rs.getLong(2),
								"with query embedding: " + rs.getLong(3))),
				this.jdbc.queryForObject("""
						SELECT count(*), count(*) FILTER (WHERE status = 'READY' AND embedding IS NOT NULL
						    AND (embedding_metadata ->> 'error') IS NULL
						    AND embedding_metadata ->> 'method_fingerprint' = :photoFingerprint),
						  count(*) FILTER (WHERE status = 'READY'), count(*) FILTER (WHERE status = 'FAILED')
						FROM person_reference_photos""", values,
						(rs, row) -> new TableCoverage("person_reference_photos", rs.getLong(1), rs.getLong(2),
								"READY: " + rs.getLong(3) + ", FAILED: " + rs.getLong(4))),
				// detections are current when their scene's persons were found by the current method
				this.jdbc.queryForObject("""
						SELECT count(*), count(*) FILTER (WHERE s.scene_persons_metadata ->> 'method_fingerprint'
						    = :personsFingerprint AND (s.scene_persons_metadata ->> 'error') IS NULL),
						  count(d.person_id), count(DISTINCT d.scene_id)
						FROM scene_person_embeddings d JOIN video_scenes s ON s.id = d.scene_id""", values,
						(rs, row) -> new TableCoverage("scene_person_embeddings", rs.getLong(1), rs.getLong(2),
								"detections: " + rs.getLong(1) + ", matched to a person: " + rs.getLong(3)
										+ ", scenes with persons: " + rs.getLong(4))));
	}

}
