package com.heimdex.embeddings.sceneperson;

import java.util.UUID;

import javax.sql.DataSource;

import com.heimdex.embeddings.scene.SceneKeysetReader;
import com.heimdex.embeddings.scene.SceneSelection;

/**
 * Keyset-ordered reader over the scenes of a selection for the {@code scenePersons} step: a restart
 * continues after the last scene of the last committed chunk, whatever the page size.
 */
public final class PersonSceneReader {

	private PersonSceneReader() {
	}

	/** Condition on {@code video_scenes}: the scene's persons were never found, failed, or found another way. */
	public static String staleCondition() {
		return "(scene_persons_metadata IS NULL OR (scene_persons_metadata ->> 'error') IS NOT NULL"
				+ " OR (scene_persons_metadata ->> 'method_fingerprint') IS DISTINCT FROM :personsFingerprint)";
	}

	public static SceneKeysetReader<PersonScene> create(String name, DataSource dataSource, SceneSelection selection,
			int pageSize) {
		return new SceneKeysetReader<>(name, dataSource, "SELECT id, owner_id, thumbnail_url", selection.passes(),
				selection.parameters(), (rs, row) -> PersonScene.read(rs.getObject("id", UUID.class),
						rs.getObject("owner_id", UUID.class), rs.getString("thumbnail_url")),
				PersonScene::id, pageSize, null);
	}

}
