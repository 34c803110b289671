package com.heimdex.embeddings.scene;

import java.util.UUID;

import javax.sql.DataSource;

/**
 * Keyset-ordered reader over the scenes of a CLIP selection ({@link ClipSceneSelection} or another job's): pages by {@code id >
 * last id}, so rows that stop matching as the job writes them never shift a page, and a restart
 * continues after the last scene of the last committed chunk (kept in the step's execution
 * context), whatever the page size of the resume.
 */
public final class PendingClipSceneReader {

	private PendingClipSceneReader() {
	}

	/**
	 * @param name the reader's name in the execution context (keys of its restart state)
	 * @param pageSize rows per query; the chunk size is a good value
	 * @param maxScenes stop after this many scenes, or {@code null} for all
	 */
	public static SceneKeysetReader<PendingClipScene> create(String name, DataSource dataSource,
			SceneSelection selection, int pageSize, Long maxScenes) {
		return new SceneKeysetReader<>(name, dataSource, "SELECT id, video_id, owner_id, scene_index, thumbnail_url",
				selection.passes(), selection.parameters(),
				(rs, row) -> new PendingClipScene(rs.getObject("id", UUID.class), rs.getObject("video_id", UUID.class),
						rs.getObject("owner_id", UUID.class), (Integer) rs.getObject("scene_index"),
						rs.getString("thumbnail_url")),
				PendingClipScene::id, pageSize, maxScenes);
	}

}
