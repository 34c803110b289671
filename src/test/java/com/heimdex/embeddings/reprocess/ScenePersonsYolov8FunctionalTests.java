package com.heimdex.embeddings.reprocess;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.pipeline.CropBox;
import com.heimdex.embeddings.reprocess.ScenePersonsTestScenes.Person;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The {@code scenePersons} step with a yolov8 detector (input letterboxed to 640x640): besides the
 * boxes and crops, re-runs (same rows and ids, a moved box a new id, a failing thumbnail keeps its
 * detections) and matching to persons (threshold, owners, re-matching after the person steps).
 */
class ScenePersonsYolov8FunctionalTests extends ScenePersonsFunctionalTests {

	@DynamicPropertySource
	static void yolov8(DynamicPropertyRegistry registry) {
		settings(registry, ScenePersonsTestScenes.yolov8Model(), "yolov8");
		registry.add("person.match.threshold", () -> "0.95");
	}

	@Override
	int inputWidth() {
		return 640;
	}

	@Override
	int inputHeight() {
		return 640;
	}

	@Test
	void aReRunKeepsRowsAndIdsAMovedBoxGetsANewIdAndAFailingThumbnailKeepsItsDetections() throws Exception {
		// given: a scene with two persons, detected
		String path = "/rerun-" + UUID.randomUUID() + ".png";
		UUID scene = this.scenes.scene(this.owner, path, ScenePersonsTestScenes.png(960, 540,
				Person.red(100, 100, 300, 400), Person.green(600, 100, 800, 400)));
		run("scope=all", "steps=scenePersons");
		List<Map<String, Object>> first = detections(scene);
		assertThat(first).hasSize(2);

		// when: run again (forced, so the scene is detected again)
		run("scope=all", "steps=scenePersons", "force=true");

		// then: the same rows, the same ids
		assertThat(detections(scene)).isEqualTo(first);

		// when: the green person moved far, the red one stayed
		server.serve(path, ScenePersonsTestScenes.png(960, 540, Person.red(100, 100, 300, 400),
				Person.green(400, 200, 560, 500)), "image/png");
		run("scope=all", "steps=scenePersons", "force=true");

		// then: the red one keeps its id, the green one is a new row
		List<Map<String, Object>> moved = detections(scene);
		assertThat(moved).hasSize(2);
		assertThat(moved.get(0).get("id")).isEqualTo(first.get(0).get("id"));
		assertThat(moved.get(1).get("id")).isNotEqualTo(first.get(1).get("id"));

		// when: the thumbnail now fails
		server.status(path, 503);
		JobExecution failing = run("scope=all", "steps=scenePersons", "force=true");

		// then: the detections stay, the failure is recorded beside the last result
		assertThat(failing.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(detections(scene)).isEqualTo(moved);
		assertThat(this.jdbc.queryForMap("""
				SELECT scene_persons_metadata ->> 'detections' AS detections, scene_persons_metadata ->> 'error' AS error
				FROM video_scenes WHERE id = ?""", scene)).containsEntry("detections", "2")
			.containsEntry("error", "thumbnail_http_error");
		// and the scene is taken again by the next default run
		server.serve(path, ScenePersonsTestScenes.png(960, 540, Person.red(100, 100, 300, 400)), "image/png");
		run("scope=all", "steps=scenePersons");
		assertThat(detections(scene)).hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT scene_persons_metadata ->> 'error' FROM video_scenes WHERE id = ?",
				String.class, scene)).isNull();
	}

	@Test
	void detectionsAreMatchedToTheOwnersPersonsAndReMatchedWhenTheirQueriesChangeWithoutDetectingAgain()
			throws Exception {
		// given: a scene with the red person, one with the green person, detected before any person exists
		byte[] redScene = ScenePersonsTestScenes.png(960, 540, Person.red(300, 100, 500, 420));
		String redPath = "/red-" + UUID.randomUUID() + ".png";
		String greenPath = "/green-" + UUID.randomUUID() + ".png";
		UUID red = this.scenes.scene(this.owner, redPath, redScene);
		UUID green = this.scenes.scene(this.owner, greenPath,
				ScenePersonsTestScenes.png(960, 540, Person.green(300, 100, 500, 420)));
		run("scope=all", "steps=scenePersons");
		assertThat(detections(red).get(0).get("person_id")).isNull();
		int fetches = server.requestCount(redPath) + server.requestCount(greenPath);

		// when: the owner and another owner get a person whose reference photo is the red person's crop
		BufferedImage image = ScenePersonsTestScenes.decode(redScene);
		float[] box = this.jdbc.queryForObject("""
				SELECT ARRAY[(bbox ->> 'x1')::real, (bbox ->> 'y1')::real, (bbox ->> 'x2')::real, (bbox ->> 'y2')::real]::text
				FROM scene_person_embeddings WHERE scene_id = ?""", (rs, row) -> ScenePersonsTestScenes
			.vector(rs.getString(1).replace('{', '[').replace('}', ']')), red);
		CropBox crop = ScenePersonsTestScenes.crop(box, CROP_MARGIN, image.getWidth(), image.getHeight());
		byte[] photo = ScenePersonsTestScenes.encode(crop.cut(image));
		UUID person = person(this.owner, photo);
		UUID stranger = person(UUID.randomUUID(), photo);
		JobExecution execution = run("scope=all", "steps=personPhotos,personQuery");

		// then: the red detection is the owner's person, never the other owner's; the green one is
		// nobody (below the threshold); no thumbnail was fetched again
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(detections(red).get(0).get("person_id")).isEqualTo(person).isNotEqualTo(stranger);
		assertThat(detections(green).get(0).get("person_id")).isNull();
		assertThat(server.requestCount(redPath) + server.requestCount(greenPath)).isEqualTo(fetches);

		// when: the person's photo becomes the green square, so its query changes
		this.jdbc.update("DELETE FROM person_reference_photos WHERE person_id = ?", person);
		personPhoto(person, this.owner, ScenePersonsTestScenes.png(300, 400, Person.green(0, 0, 300, 400)));
		run("scope=all", "steps=personPhotos,personQuery");

		// then: the red detection is nobody's any more, still without detecting again
		assertThat(detections(red).get(0).get("person_id")).isNull();
		assertThat(server.requestCount(redPath) + server.requestCount(greenPath)).isEqualTo(fetches);
	}

	private UUID person(UUID owner, byte[] photo) {
		UUID person = UUID.randomUUID();
		this.jdbc.update("INSERT INTO persons (id, owner_id, name) VALUES (?, ?, 'someone')", person, owner);
		personPhoto(person, owner, photo);
		return person;
	}

	private void personPhoto(UUID person, UUID owner, byte[] photo) {
		UUID id = UUID.randomUUID();
		String path = "/photo-" + id + ".png";
		server.serve(path, photo, "image/png");
		this.jdbc.update("INSERT INTO person_reference_photos (id, person_id, owner_id, photo_url) VALUES (?, ?, ?, ?)",
				id, person, owner, server.url(path));
	}

}
