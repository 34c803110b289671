package com.heimdex.embeddings.sceneperson;

import java.util.UUID;

import com.heimdex.embeddings.scene.SceneClipRepository;

import org.springframework.jdbc.core.JdbcTemplate;

/** Scenes, persons and vectors of known similarity for the scene-person tests. */
final class ScenePersonsTestData {

	private ScenePersonsTestData() {
	}

	/**
	 * A unit vector of 512 whose cosine similarity with the unit vector of {@code axis} is
	 * {@code similarity} (the rest on the next axis).
	 */
	static float[] vector(int axis, double similarity) {
		float[] vector = new float[512];
		vector[axis] = (float) similarity;
		vector[axis + 1] = (float) Math.sqrt(Math.max(0, 1 - similarity * similarity));
		return vector;
	}

	/** A scene of a new READY video of the owner, with a thumbnail. */
	static UUID scene(JdbcTemplate jdbc, UUID owner) {
		UUID video = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		UUID scene = UUID.randomUUID();
		jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url) VALUES (?, ?, ?, 0, ?)",
				scene, video, owner, "https://thumbnails.example/" + scene + ".jpg");
		return scene;
	}

	/** A person of the owner with this query embedding. */
	static UUID person(JdbcTemplate jdbc, UUID owner, float[] query) {
		UUID person = UUID.randomUUID();
		jdbc.update("INSERT INTO persons (id, owner_id, name, query_embedding) VALUES (?, ?, 'someone', ?::vector)", person,
				owner, (query != null) ? SceneClipRepository.vectorText(query) : null);
		return person;
	}

}
