package com.heimdex.embeddings.lexical;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * Reads the lexical index's coverage from {@code scene_lexical_index}, without asking the back
 * end: a scene is current when its recorded document hash is the one its texts make today.
 */
@Repository
public class LexicalCoverageRepository {

	private final NamedParameterJdbcTemplate jdbc;

	private final LexicalIndex index;

	LexicalCoverageRepository(NamedParameterJdbcTemplate jdbc, LexicalIndex lexicalIndexBackend) {
		this.jdbc = jdbc;
		this.index = lexicalIndexBackend;
	}

	public LexicalCoverage coverage() {
		Map<String, Object> values = Map.of("target", this.index.target(), "profile", this.index.profile());
		Map<String, Long> errorsByCode = new LinkedHashMap<>();
		this.jdbc.query("SELECT error, count(*) AS count FROM scene_lexical_index WHERE target = :target"
				+ " AND error IS NOT NULL GROUP BY error ORDER BY count DESC, error", values,
				(rs) -> {
					errorsByCode.put(rs.getString("error"), rs.getLong("count"));
				});
		return this.jdbc.queryForObject("""
				SELECT (SELECT count(*) FROM video_scenes) AS scenes,
				  count(*) FILTER (WHERE s.id IS NOT NULL AND m.content_sha256 IS NOT NULL) AS indexed,
				  count(*) FILTER (WHERE s.id IS NOT NULL AND m.error IS NULL
				                     AND m.content_sha256 = %s) AS current,
				  count(*) FILTER (WHERE m.error IS NOT NULL) AS errors,
				  count(*) FILTER (WHERE s.id IS NULL) AS pending_removal
				FROM scene_lexical_index m LEFT JOIN video_scenes s ON s.id = m.scene_id
				WHERE m.target = :target""".formatted(LexicalSceneSelection.CONTENT_SHA256), values,
				(rs, row) -> new LexicalCoverage(this.index.target(), rs.getLong("scenes"), rs.getLong("indexed"),
						rs.getLong("current"), rs.getLong("errors"), rs.getLong("pending_removal"), errorsByCode));
	}

}
