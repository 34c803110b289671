package com.heimdex.embeddings.scene;

import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** Counts of the scenes a selection covers (any job's), for start banners, dry runs and ETAs. */
@Repository
public class SceneCounts {

	private final NamedParameterJdbcTemplate jdbc;

	SceneCounts(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Scenes the selection would work on. */
	public long pending(SceneSelection selection) {
		return count(selection.whereClause(), selection);
	}

	/** Scenes in the selection's scope that have no thumbnail: counted, never fetched. */
	public long withoutThumbnail(ClipSceneSelection selection) {
		return count(selection.noThumbnailWhereClause(), selection);
	}

	private long count(String where, SceneSelection selection) {
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE " + where,
				selection.parameters(), Long.class);
		return (count != null) ? count : 0;
	}

}
