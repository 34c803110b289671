package com.heimdex.embeddings.sceneperson;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.scene.SceneClipRepository;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.spec.SpecCoverage;
import com.heimdex.embeddings.spec.SpecCoverage.TableCoverage;
import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;

class ScenePersonRepositoryTest extends DatabaseTest {

	private static final String DETECTOR = "{\"format\": \"yolov8\", \"model_sha256\": \"abc\"}";

	private static final double THRESHOLD = 0.8;

	@Autowired
	private ScenePersonRepository repository;

	@Autowired
	private SpecCoverage coverage;

	@Autowired
	private EmbeddingSpecs specs;

	private UUID owner;

	private UUID scene;

	@BeforeEach
	void sceneOfAnOwner() {
		this.jdbc.update("TRUNCATE videos, persons CASCADE");
		this.owner = UUID.randomUUID();
		this.scene = ScenePersonsTestData.scene(this.jdbc, this.owner);
	}

	@Test
	void aSceneDetectionsAreStoredWithBoxInSourcePixelsDetectorAndFingerprint() {
		// when
		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0)));

		// then
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT owner_id, bbox::text AS bbox, detector ->> 'format' AS format, embedding_spec_fingerprint,
				  embedding = ?::vector AS vector, person_id FROM scene_person_embeddings WHERE scene_id = ?""",
				SceneClipRepository.vectorText(ScenePersonsTestData.vector(0, 1)), this.scene);
		assertThat(row.get("owner_id")).isEqualTo(this.owner);
		assertThat(row.get("bbox")).isEqualTo("{\"x1\": 10.0, \"x2\": 110.0, \"y1\": 20.0, \"y2\": 220.0, \"score\": 0.9, "
				+ "\"image_width\": 640, \"image_height\": 360}");
		assertThat(row.get("format")).isEqualTo("yolov8");
		assertThat(row.get("embedding_spec_fingerprint")).isEqualTo("spec-1");
		assertThat(row.get("vector")).isEqualTo(true);
		assertThat(row.get("person_id")).isNull();
		assertThat(this.jdbc.queryForObject("SELECT scene_persons_metadata ->> 'detections' FROM video_scenes WHERE id = ?",
				String.class, this.scene)).isEqualTo("1");
	}

	@Test
	void aReRunKeepsTheIdsOfOverlappingBoxesAndAMovedBoxGetsANewOne() {
		// given: two persons stored
		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0),
				detection(300, 20, 400, 220, 0.8f, 1)));
		UUID left = idAt(10);
		UUID right = idAt(300);

		// when: the left one is found again, slightly shifted, the right one far from where it was
		write(success(this.scene, this.owner, detection(14, 22, 112, 221, 0.91f, 0),
				detection(500, 100, 600, 300, 0.8f, 1)));

		// then
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM scene_person_embeddings", Integer.class)).isEqualTo(2);
		assertThat(idAt(14)).isEqualTo(left);
		assertThat(idAt(500)).isNotEqualTo(right).isNotNull();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM scene_person_embeddings WHERE id = ?", Integer.class,
				right)).isZero();
	}

	@Test
	void theSameDetectionsAgainAreTheSameRowsWithTheSameIds() {
		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0), detection(300, 20, 400, 220, 0.8f, 1)));
		List<Map<String, Object>> before = rows();

		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0), detection(300, 20, 400, 220, 0.8f, 1)));

		assertThat(rows()).isEqualTo(before);
	}

	@Test
	void zeroDetectionsRemoveTheSceneRowsAndRecordZero() {
		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0)));

		write(success(this.scene, this.owner));

		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM scene_person_embeddings", Integer.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT scene_persons_metadata ->> 'detections' FROM video_scenes WHERE id = ?",
				String.class, this.scene)).isEqualTo("0");
	}

	@Test
	void aFailedSceneKeepsItsDetectionsAndRecordsTheFailureBesideTheLastResult() {
		// given
		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0)));
		List<Map<String, Object>> before = rows();

		// when
		write(new ScenePersonsResult(this.scene, this.owner, null, "{\"error\": \"thumbnail_http_error\", "
				+ "\"error_detail\": \"HTTP 503\", \"created_at\": \"2026-12-02T00:00:00Z\", \"job_execution_id\": 9}"));

		// then
		assertThat(rows()).isEqualTo(before);
		Map<String, Object> record = this.jdbc.queryForMap("""
				SELECT scene_persons_metadata ->> 'detections' AS detections, scene_persons_metadata ->> 'error' AS error,
				  scene_persons_metadata ->> 'error_detail' AS detail, scene_persons_metadata ->> 'failed_at' AS failed_at
				FROM video_scenes WHERE id = ?""", this.scene);
		assertThat(record).containsEntry("detections", "1")
			.containsEntry("error", "thumbnail_http_error")
			.containsEntry("detail", "HTTP 503")
			.containsEntry("failed_at", "2026-12-02T00:00:00Z");
	}

	@Test
	void aDetectionIsTheMostSimilarPersonOfItsOwnerAtOrAboveTheThreshold() {
		// given: persons of the owner at similarity 0.9 and 0.95 to the detection, and one of another
		// owner identical to it
		UUID near = ScenePersonsTestData.person(this.jdbc, this.owner, ScenePersonsTestData.vector(0, 0.9));
		UUID nearer = ScenePersonsTestData.person(this.jdbc, this.owner, ScenePersonsTestData.vector(0, 0.95));
		ScenePersonsTestData.person(this.jdbc, UUID.randomUUID(), ScenePersonsTestData.vector(2, 1));
		UUID otherScene = ScenePersonsTestData.scene(this.jdbc, this.owner);

		// when: one detection near the persons, one only like another owner's person
		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0)),
				success(otherScene, this.owner, detection(10, 20, 110, 220, 0.9f, 2)));

		// then
		assertThat(personOf(this.scene)).isEqualTo(nearer).isNotEqualTo(near);
		assertThat(personOf(otherScene)).isNull();
	}

	@Test
	void statusCountsDetectionsMatchedDetectionsAndScenesWithPersons() {
		// given: two detections in one scene, one of them like a person of the owner, one in another scene
		ScenePersonsTestData.person(this.jdbc, this.owner, ScenePersonsTestData.vector(0, 0.95));
		UUID otherScene = ScenePersonsTestData.scene(this.jdbc, this.owner);
		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0),
				detection(300, 20, 400, 220, 0.8f, 2)), success(otherScene, this.owner, detection(10, 20, 110, 220, 0.9f, 3)));

		// when
		TableCoverage detections = this.coverage.coverage(this.specs.current())
			.stream()
			.filter((table) -> table.table().equals("scene_person_embeddings"))
			.findFirst()
			.orElseThrow();

		// then
		assertThat(detections.rows()).isEqualTo(3);
		assertThat(detections.note()).isEqualTo("detections: 3, matched to a person: 1, scenes with persons: 2");
	}

	@Test
	void belowTheThresholdNoPersonIsMatched() {
		ScenePersonsTestData.person(this.jdbc, this.owner, ScenePersonsTestData.vector(0, 0.79));

		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0)));

		assertThat(personOf(this.scene)).isNull();
	}

	@Test
	void aChangedPersonQueryReMatchesTheOwnersDetections() {
		// given: a detection matched to a person
		UUID person = ScenePersonsTestData.person(this.jdbc, this.owner, ScenePersonsTestData.vector(0, 0.95));
		write(success(this.scene, this.owner, detection(10, 20, 110, 220, 0.9f, 0)));
		assertThat(personOf(this.scene)).isEqualTo(person);

		// when: its query moves away, another person comes close
		this.jdbc.update("UPDATE persons SET query_embedding = ?::vector WHERE id = ?",
				SceneClipRepository.vectorText(ScenePersonsTestData.vector(1, 1)), person);
		UUID other = ScenePersonsTestData.person(this.jdbc, this.owner, ScenePersonsTestData.vector(0, 0.99));
		int changed = this.repository.rematchOwners(List.of(this.owner), THRESHOLD);

		// then
		assertThat(changed).isEqualTo(1);
		assertThat(personOf(this.scene)).isEqualTo(other);
	}

	private void write(ScenePersonsResult... results) {
		this.repository.write(List.of(results), DETECTOR, "spec-1", THRESHOLD);
	}

	static ScenePersonsResult success(UUID scene, UUID owner, SceneDetection... detections) {
		return new ScenePersonsResult(scene, owner, List.of(detections),
				"{\"detections\": " + detections.length + ", \"error\": null}");
	}

	static SceneDetection detection(float x1, float y1, float x2, float y2, float score, int axis) {
		return new SceneDetection(new PersonBox(x1, y1, x2, y2, score, 640, 360), ScenePersonsTestData.vector(axis, 1));
	}

	private UUID idAt(float x1) {
		return this.jdbc.queryForObject("SELECT id FROM scene_person_embeddings WHERE (bbox ->> 'x1')::real = ?",
				UUID.class, x1);
	}

	private UUID personOf(UUID scene) {
		return this.jdbc.queryForObject("SELECT person_id FROM scene_person_embeddings WHERE scene_id = ?", UUID.class,
				scene);
	}

	private List<Map<String, Object>> rows() {
		return this.jdbc.queryForList("""
				SELECT id, scene_id, owner_id, person_id, bbox::text, embedding::text, detector::text,
				  embedding_spec_fingerprint, created_at FROM scene_person_embeddings ORDER BY id""");
	}

}
