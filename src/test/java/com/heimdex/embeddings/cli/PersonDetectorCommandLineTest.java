package com.heimdex.embeddings.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.testmodel.GeneratedDetectorModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A person detector model that does not fit its format, or a format of another name, is an invalid
 * setting: the command exits 2 before anything runs, saying what is expected, what was found and
 * what is allowed.
 */
class PersonDetectorCommandLineTest {

	@TempDir
	Path dir;

	private TestDatabase database;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void start() {
		this.database = TestDatabase.create(PersonDetectorCommandLineTest.class);
	}

	@AfterEach
	void stop() {
		System.clearProperty("person-detector.model-path");
		System.clearProperty("person-detector.format");
		this.database.close();
	}

	@Test
	void aModelOfAnotherFormatExitsTwoNamingBothShapes() {
		// given
		Path model = this.dir.resolve("ultraface.onnx");
		GeneratedDetectorModel.writeUltraface(model);
		System.setProperty("person-detector.model-path", model.toString());
		System.setProperty("person-detector.format", "yolov8");

		// when
		int exit = run("status");

		// then
		assertThat(exit).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("does not fit PERSON_DETECTOR_FORMAT=yolov8: expected input [1,3,640,640] float32")
			.contains("found input 'input' [1,3,240,320] float32")
			.contains("allowed: ultraface, yolov8");
	}

	@Test
	void anUnknownFormatExitsTwoListingTheAllowedNames() {
		// given
		System.setProperty("person-detector.format", "retinanet");

		// when
		int exit = run("status");

		// then
		assertThat(exit).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8))
			.contains("PERSON_DETECTOR_FORMAT=retinanet is not a detector format; allowed: ultraface, yolov8");
	}

	@Test
	void aModelOfAnotherFormatStopsTheStepBeforeAnythingIsWritten() {
		// given a migrated database with a scene whose thumbnail the step would read
		assertThat(run("migrate")).as(this.err.toString(StandardCharsets.UTF_8)).isZero();
		JdbcTemplate jdbc = this.database.jdbcTemplate();
		UUID owner = UUID.randomUUID();
		UUID video = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url)"
				+ " VALUES (?, ?, ?, 0, 'https://storage.example/scene.jpg')", UUID.randomUUID(), video, owner);
		Path model = this.dir.resolve("ultraface.onnx");
		GeneratedDetectorModel.writeUltraface(model);
		System.setProperty("person-detector.model-path", model.toString());
		System.setProperty("person-detector.format", "yolov8");

		// when
		int exit = run("start", "reprocess", "scope=all", "steps=scenePersons");

		// then
		assertThat(exit).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("does not fit PERSON_DETECTOR_FORMAT=yolov8");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM batch_job_execution", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM scene_person_embeddings", Long.class)).isZero();
		assertThat(jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE scene_persons_metadata IS NOT NULL",
				Long.class)).isZero();
	}

	@Test
	void aFittingModelStartsTheCommand() {
		// given
		Path model = this.dir.resolve("ultraface.onnx");
		GeneratedDetectorModel.writeUltraface(model);
		System.setProperty("person-detector.model-path", model.toString());
		System.setProperty("person-detector.format", "ultraface");

		// when
		int exit = run("status");

		// then
		assertThat(exit).as(this.err.toString(StandardCharsets.UTF_8)).isZero();
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return CommandLine.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of("DATABASE_URL", this.database.libpqUrl()));
	}

}
