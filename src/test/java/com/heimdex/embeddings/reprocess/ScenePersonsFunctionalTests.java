package com.heimdex.embeddings.reprocess;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.pipeline.CropBox;
import com.heimdex.embeddings.reprocess.ScenePersonsTestScenes.Person;
import com.heimdex.embeddings.support.DatabaseTest;
import com.heimdex.embeddings.testmodel.GeneratedDetectorModel;
import com.heimdex.embeddings.testmodel.ProbeClipModel;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * The {@code scenePersons} step end to end with a detector of each format: real PostgreSQL, thumbnails
 * from a local server, a generated detector whose boxes follow the image content, and a probe CLIP
 * model whose stored (unnormalised) output tells which pixels of the thumbnail each crop was.
 */
abstract class ScenePersonsFunctionalTests extends DatabaseTest {

	/** The thumbnail server of the running test class (each format's class starts and stops its own). */
	static ThumbnailTestServer server;

	static final double CROP_MARGIN = 0.1;

	@Autowired
	ResumingJobLauncher launcher;

	@Autowired
	@Qualifier("reprocessDescriptor")
	JobDescriptor descriptor;

	ScenePersonsTestScenes scenes;

	final UUID owner = UUID.randomUUID();

	/** The detector's input size: boxes are found at this resolution and mapped back. */
	abstract int inputWidth();

	abstract int inputHeight();

	static void settings(DynamicPropertyRegistry registry, Path detector, String format) {
		registry.add("clip.model-path", () -> ScenePersonsTestScenes.probeClipModel().toString());
		registry.add("clip.normalize", () -> "false");
		registry.add("person-detector.model-path", detector::toString);
		registry.add("person-detector.format", () -> format);
		registry.add("embedding.enabled", () -> "false");
		registry.add("thumbnails.allow-private-addresses", () -> "true");
		registry.add("thumbnails.initial-backoff", () -> "10ms");
	}

	@BeforeAll
	static void startServer() {
		server = ThumbnailTestServer.start();
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void cleanTables() {
		this.jdbc.update("TRUNCATE videos, persons CASCADE");
		this.scenes = new ScenePersonsTestScenes(this.jdbc, server);
	}

	@Test
	void boxesAreStoredInSourcePixelsAndEachCropIsTheRightPartOfTheThumbnail() throws Exception {
		// given: a landscape and a portrait thumbnail (letterboxed by yolov8, stretched by ultraface),
		// one with a person, one with two, and one with nobody
		byte[] landscape = ScenePersonsTestScenes.png(960, 540, Person.red(300, 100, 500, 420));
		byte[] portrait = ScenePersonsTestScenes.png(540, 960, Person.red(40, 60, 240, 360),
				Person.green(200, 500, 480, 900));
		UUID wide = this.scenes.scene(this.owner, "/wide-" + UUID.randomUUID() + ".png", landscape);
		UUID tall = this.scenes.scene(this.owner, "/tall-" + UUID.randomUUID() + ".png", portrait);
		UUID empty = this.scenes.scene(this.owner, "/empty-" + UUID.randomUUID() + ".png",
				ScenePersonsTestScenes.png(640, 360));

		// when
		JobExecution execution = run("scope=all", "steps=scenePersons");

		// then: one box per person (the overlapping second candidate suppressed, the low-scored
		// whole image under the threshold), where the person is, in source pixels
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(failures()).isEmpty();
		assertThat(detections(wide)).hasSize(1);
		assertDetection(wide, landscape, 300, 100, 500, 420, GeneratedDetectorModel.SCORE_A);
		assertThat(detections(tall)).hasSize(2);
		assertDetection(tall, portrait, 40, 60, 240, 360, GeneratedDetectorModel.SCORE_A);
		assertDetection(tall, portrait, 200, 500, 480, 900, GeneratedDetectorModel.SCORE_B);
		assertThat(detections(empty)).isEmpty();
		assertThat(this.jdbc.queryForMap("""
				SELECT scene_persons_metadata ->> 'detections' AS detections, scene_persons_metadata ->> 'error' AS error
				FROM video_scenes WHERE id = ?""", empty)).containsEntry("detections", "0").containsEntry("error", null);
	}

	/** The scene's detection whose box is near this square: its bbox, score, image size and crop pixels. */
	void assertDetection(UUID scene, byte[] thumbnail, int x1, int y1, int x2, int y2, float score) {
		BufferedImage image = ScenePersonsTestScenes.decode(thumbnail);
		double tolerance = 1.5 * Math.max((double) image.getWidth() / inputWidth(),
				(double) image.getHeight() / inputHeight()) + 1;
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT (bbox ->> 'x1')::real AS x1, (bbox ->> 'y1')::real AS y1, (bbox ->> 'x2')::real AS x2,
				  (bbox ->> 'y2')::real AS y2, (bbox ->> 'score')::real AS score, (bbox ->> 'image_width')::int AS width,
				  (bbox ->> 'image_height')::int AS height, embedding::text AS vector
				FROM scene_person_embeddings WHERE scene_id = ? AND abs((bbox ->> 'x1')::real - ?) <= ?""", scene, x1,
				tolerance);
		float[] box = { (Float) row.get("x1"), (Float) row.get("y1"), (Float) row.get("x2"), (Float) row.get("y2") };
		assertThat(box[0]).isCloseTo(x1, within((float) tolerance));
		assertThat(box[1]).isCloseTo(y1, within((float) tolerance));
		assertThat(box[2]).isCloseTo(x2, within((float) tolerance));
		assertThat(box[3]).isCloseTo(y2, within((float) tolerance));
		assertThat((Float) row.get("score")).isCloseTo(score, within(1e-5f));
		assertThat(row).containsEntry("width", image.getWidth()).containsEntry("height", image.getHeight());
		CropBox crop = ScenePersonsTestScenes.crop(box, CROP_MARGIN, image.getWidth(), image.getHeight());
		float[] expected = ScenePersonsTestScenes.probe(image, crop);
		float[] stored = ScenePersonsTestScenes.vector((String) row.get("vector"));
		for (int i = 0; i < ProbeClipModel.PROBES; i++) {
			assertThat(stored[i]).as("probe %d of the crop %s", i, crop).isCloseTo(expected[i], within(1e-3f));
		}
	}

	/** The scenes' recorded failures. */
	List<String> failures() {
		return this.jdbc.queryForList("""
				SELECT concat(scene_persons_metadata ->> 'error', ': ', scene_persons_metadata ->> 'error_detail')
				FROM video_scenes WHERE scene_persons_metadata ->> 'error' IS NOT NULL""", String.class);
	}

	List<Map<String, Object>> detections(UUID scene) {
		return this.jdbc.queryForList("""
				SELECT id, bbox::text AS bbox, person_id FROM scene_person_embeddings WHERE scene_id = ?
				ORDER BY (bbox ->> 'x1')::real""", scene);
	}

	JobExecution run(String... words) throws Exception {
		return this.launcher.launch("reprocess", new JobParametersBuilder(this.descriptor.toJobParameters(List.of(words)))
			.addLong(JobDescriptor.RUN_ID, System.nanoTime())
			.toJobParameters());
	}

}
