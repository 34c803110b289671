package com.heimdex.embeddings.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.heimdex.embeddings.clip.ClipBackfillTestSupport;
import com.heimdex.embeddings.support.ApplicationJar;
import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * ONNX Runtime's native libraries as the image holds them: {@code deploy/onnxruntime-native.sh}
 * takes them out of the extracted jar's onnxruntime library, and a job started with
 * {@code -Donnxruntime.native.path} loads them from there instead of unzipping them into the
 * temporary directory, then embeds as it does without the option.
 */
class OnnxRuntimeNativeLibrariesIT {

	private static final String JAVA = ProcessHandle.current().info().command().orElse("java");

	@TempDir
	Path directory;

	private TestDatabase database;

	private ThumbnailTestServer thumbnails;

	@BeforeEach
	void setUp() {
		this.database = TestDatabase.create(OnnxRuntimeNativeLibrariesIT.class);
		this.thumbnails = ThumbnailTestServer.start();
	}

	@AfterEach
	void tearDown() {
		this.thumbnails.close();
		this.database.close();
	}

	@Test
	void aJobLoadsTheLibrariesTheScriptExtractedAndWritesNoneToTheTemporaryDirectory() throws Exception {
		// given: the jar extracted as the image holds it, the libraries taken out of it, and a scene
		Path jar = ApplicationJar.extract(this.directory.resolve("app"));
		Path libraries = this.directory.resolve("onnxruntime");
		run(List.of("sh", "deploy/onnxruntime-native.sh", jar.resolveSibling("lib").toString(), libraries.toString()));
		Path temporary = Files.createDirectories(this.directory.resolve("tmp"));
		run(List.of(JAVA, "-jar", jar.toString(), "migrate"));
		JdbcTemplate jdbc = this.database.jdbcTemplate();
		UUID owner = UUID.randomUUID();
		UUID video = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		this.thumbnails.serve("/scene.jpg", ClipBackfillTestSupport.thumbnail(1), "image/jpeg");
		jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url) VALUES (?, ?, ?, 0, ?)",
				UUID.randomUUID(), video, owner, this.thumbnails.url("/scene.jpg"));

		// when: the job runs with the image's option, its temporary directory watched
		List<Path> writtenToTemporary = new ArrayList<>();
		String output = run(List.of(JAVA, "@deploy/jvm.options", "-Djava.io.tmpdir=" + temporary,
				"-Donnxruntime.native.path=" + libraries, "-jar", jar.toString(), "start", "clipBackfill"), () -> {
					try (Stream<Path> files = Files.walk(temporary)) {
						files.filter(Files::isRegularFile).forEach(writtenToTemporary::add);
					}
				});

		// then: the scene is embedded, with the libraries from the given directory
		assertThat(libraries.resolve("libonnxruntime.so")).isNotEmptyFile();
		assertThat(output).contains("Loaded native library 'onnxruntime' from specified path")
			.contains("Loaded native library 'onnxruntime4j_jni' from specified path")
			.doesNotContain("from resource path");
		assertThat(jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_visual_clip IS NOT NULL",
				Long.class)).isOne();
		assertThat(writtenToTemporary).noneMatch((file) -> file.getFileName().toString().contains("onnxruntime"));
	}

	private String run(List<String> command) throws IOException, InterruptedException {
		return run(command, () -> {
		});
	}

	/** Runs {@code command} to its end, calling {@code whileRunning} every 20 ms meanwhile. */
	private String run(List<String> command, Watch whileRunning) throws IOException, InterruptedException {
		Path log = Files.createTempFile(this.directory, "process", ".log");
		ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().remove("SPRING_DATASOURCE_URL");
		builder.environment().put("DATABASE_URL", this.database.libpqUrl());
		builder.environment().put("CLIP_MODEL_PATH", ClipBackfillTestSupport.model().toString());
		builder.environment().put("THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true");
		// ONNX Runtime says where it loads each library from at debug level
		builder.environment().put("LOGGING_LEVEL_AI_ONNXRUNTIME", "DEBUG");
		Process process = builder.start();
		long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(3);
		while (!process.waitFor(20, TimeUnit.MILLISECONDS) && System.nanoTime() < deadline) {
			whileRunning.look();
		}
		assertThat(process.isAlive()).as("%s finished", command).isFalse();
		String output = Files.readString(log);
		assertThat(process.exitValue()).as("%s exit code; output:%n%s", command, output).isZero();
		return output;
	}

	@FunctionalInterface
	private interface Watch {

		void look() throws IOException;

	}

}
