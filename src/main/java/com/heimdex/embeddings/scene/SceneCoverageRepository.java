package com.heimdex.embeddings.scene;

import java.util.List;

import com.heimdex.embeddings.scene.SceneCoverage.ErrorCount;
import com.heimdex.embeddings.scene.SceneCoverage.TextChannelCoverage;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** Reads the coverage numbers of {@code video_scenes} in one pass plus the error distribution. */
@Repository
public class SceneCoverageRepository {

	private final JdbcTemplate jdbcTemplate;

	SceneCoverageRepository(JdbcTemplate jdbcTemplate) {
		this.jdbcTemplate = jdbcTemplate;
	}

	public SceneCoverage coverage() {
		return this.jdbcTemplate.queryForObject("""
				SELECT count(*) AS scenes,
				  count(*) FILTER (WHERE thumbnail_url IS NOT NULL) AS with_thumbnail,
				  count(*) FILTER (WHERE embedding_visual_clip IS NOT NULL) AS with_clip,
				  count(*) FILTER (WHERE embedding_visual_clip IS NULL AND thumbnail_url IS NOT NULL) AS missing_clip,
				  count(*) FILTER (WHERE visual_clip_metadata->>'error' IS NOT NULL) AS clip_errors,
				  count(*) FILTER (WHERE coalesce(transcript, '') <> '') AS transcript_text,
				  count(*) FILTER (WHERE embedding_transcript IS NOT NULL) AS transcript_embedded,
				  count(*) FILTER (WHERE coalesce(visual_description, '') <> ''
				                      OR coalesce(cardinality(tags), 0) > 0) AS visual_text,
				  count(*) FILTER (WHERE embedding_visual IS NOT NULL) AS visual_embedded,
				  count(*) FILTER (WHERE coalesce(summary, '') <> '') AS summary_text,
				  count(*) FILTER (WHERE embedding_summary IS NOT NULL) AS summary_embedded
				FROM video_scenes""", (rs, row) -> new SceneCoverage(rs.getLong("scenes"), rs.getLong("with_thumbnail"),
				rs.getLong("with_clip"), rs.getLong("missing_clip"), rs.getLong("clip_errors"),
				List.of(new TextChannelCoverage("transcript", rs.getLong("transcript_text"),
						rs.getLong("transcript_embedded")),
						new TextChannelCoverage("visual", rs.getLong("visual_text"), rs.getLong("visual_embedded")),
						new TextChannelCoverage("summary", rs.getLong("summary_text"), rs.getLong("summary_embedded"))),
				errorDistribution()));
	}

	/** The seeds' error-distribution query: CLIP error codes by frequency. */
	public List<ErrorCount> errorDistribution() {
		return this.jdbcTemplate.query("""
				SELECT visual_clip_metadata->>'error' AS error_type, COUNT(*) AS count
				FROM video_scenes
				WHERE visual_clip_metadata->>'error' IS NOT NULL
				GROUP BY visual_clip_metadata->>'error'
				ORDER BY count DESC, error_type""",
				(rs, row) -> new ErrorCount(rs.getString("error_type"), rs.getLong("count")));
	}

}
