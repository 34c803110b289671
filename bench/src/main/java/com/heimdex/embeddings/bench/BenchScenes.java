package com.heimdex.embeddings.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.JdbcTemplate;

/** The scenes a bench run embeds: one video per 100 scenes, ids ascending in scene order. */
final class BenchScenes {

	private static final int SCENES_PER_VIDEO = 100;

	private BenchScenes() {
	}

	static void insert(JdbcTemplate jdbc, BenchThumbnails thumbnails, int count) {
		UUID owner = UUID.randomUUID();
		List<Object[]> videos = new ArrayList<>();
		List<Object[]> scenes = new ArrayList<>();
		UUID video = null;
		for (int i = 0; i < count; i++) {
			if (i % SCENES_PER_VIDEO == 0) {
				video = UUID.randomUUID();
				videos.add(new Object[] { video, owner });
			}
			UUID id = new UUID(0x5CE0_0000_0000_0000L | i, UUID.randomUUID().getLeastSignificantBits());
			scenes.add(new Object[] { id, video, owner, i % SCENES_PER_VIDEO, thumbnails.url(i) });
		}
		jdbc.batchUpdate("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", videos);
		jdbc.batchUpdate("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url)"
				+ " VALUES (?, ?, ?, ?, ?)", scenes);
	}

	static long embedded(JdbcTemplate jdbc) {
		Long count = jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_visual_clip IS NOT NULL",
				Long.class);
		return (count != null) ? count : 0;
	}

	/** Seconds between the last execution of a step's start and end as the job repository recorded them. */
	static double stepSeconds(JdbcTemplate jdbc, String stepName) {
		Double seconds = jdbc.queryForObject("""
				SELECT EXTRACT(EPOCH FROM end_time - start_time)::float8 FROM batch_step_execution
				WHERE step_name = ? ORDER BY step_execution_id DESC LIMIT 1""", Double.class, stepName);
		return (seconds != null) ? seconds : Double.NaN;
	}

}
