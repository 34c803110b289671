package com.heimdex.embeddings.admin;

import java.util.UUID;

import com.heimdex.embeddings.reprocess.VideoScope;
import com.heimdex.embeddings.scene.ScenePartition;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Repository;

/** How many videos a reprocess request covers (seeds/004's {@code video_count}): the job's own scope SQL. */
@Repository
@ConditionalOnWebApplication
class VideosInScope {

	private final NamedParameterJdbcTemplate jdbc;

	VideosInScope(NamedParameterJdbcTemplate jdbc) {
		this.jdbc = jdbc;
	}

	/** Videos in scope that the run will take: all but those in {@code PROCESSING}. */
	long count(UUID videoId, UUID ownerId) {
		VideoScope scope = new VideoScope(videoId, ownerId, null, null, ScenePartition.ALL);
		Long count = this.jdbc.queryForObject("SELECT count(*) FROM videos v WHERE " + scope.videosToProcess(),
				scope.parameters(), Long.class);
		return (count != null) ? count : 0;
	}

}
