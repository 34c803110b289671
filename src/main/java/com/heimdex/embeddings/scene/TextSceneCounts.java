package com.heimdex.embeddings.scene;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Counts of the scenes a text selection covers, for start banners, dry runs and ETAs. */
@Repository
public class TextSceneCounts {

	private final NamedParameterJdbcTemplate jdbc;

	TextSceneCounts(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Scenes the selection would work on. */
	public long pending(TextSceneSelection selection) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE " + selection.whereClause(),
				selection.parameters(), Long.class);
		return (count != null) ? count : 0;
	}

}
