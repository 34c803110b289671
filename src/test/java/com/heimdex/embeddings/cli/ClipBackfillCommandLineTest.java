package com.heimdex.embeddings.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.testmodel.GeneratedClipModel;
import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.thumbnail.TestImages;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * clipBackfill from the command line: the storage refusing its token stops the run with exit 1; a
 * token that would travel over http is refused at start with exit 2.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClipBackfillCommandLineTest {

	private static final String TOKEN = "an-expired-storage-token";

	private TestDatabase database;

	private ThumbnailTestServer server;

	private final ByteArrayOutputStream out = new ByteArrayOutputStream();

	private final ByteArrayOutputStream err = new ByteArrayOutputStream();

	@BeforeEach
	void start() throws Exception {
		this.database = TestDatabase.create(ClipBackfillCommandLineTest.class);
		this.server = ThumbnailTestServer.start();
		Path model = Files.createTempDirectory("clip-cli-model").resolve("clip.onnx");
		GeneratedClipModel.writeSmall(model, 512, 42);
		System.setProperty("clip.model-path", model.toString());
		System.setProperty("thumbnails.allow-private-addresses", "true");
		System.setProperty("storage.base-url", this.server.url("/storage/"));
		System.setProperty("storage.auth-token", TOKEN);
		System.setProperty("storage.allow-http", "true");
	}

	@AfterEach
	void stop() {
		for (String name : new String[] { "clip.model-path", "thumbnails.allow-private-addresses", "storage.base-url",
				"storage.auth-token", "storage.allow-http" }) {
			System.clearProperty(name);
		}
		this.server.close();
		this.database.close();
	}

	@Test
	void aRefusedStorageTokenExitsOneNamingTheStorageAndRecordsNothing(CapturedOutput output) {
		// given
		assertThat(run("status")).isZero();
		JdbcTemplate jdbc = this.database.jdbcTemplate();
		UUID video = UUID.randomUUID();
		UUID owner = UUID.randomUUID();
		jdbc.update("INSERT INTO videos (id, owner_id, status) VALUES (?, ?, 'READY')", video, owner);
		for (int i = 0; i < 3; i++) {
			this.server.requireBearer("/storage/u/v/scene_" + i + ".jpg", "the-renewed-token", TestImages.jpeg(64, 36),
					"image/jpeg");
			jdbc.update("INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url) VALUES (?, ?, ?, ?, ?)",
					UUID.randomUUID(), video, owner, i, "u/v/scene_" + i + ".jpg");
		}

		// when
		int exit = run("start", "clipBackfill");

		// then
		assertThat(exit).isEqualTo(1);
		assertThat(this.out.toString(StandardCharsets.UTF_8)).contains("clipBackfill execution 1 FAILED");
		assertThat(jdbc.queryForObject(
				"SELECT count(*) FROM video_scenes WHERE visual_clip_metadata IS NOT NULL OR embedding_visual_clip IS NOT NULL",
				Long.class)).isZero();
		assertThat(output).contains("Stopped: the storage " + this.server.url("/storage/")
				+ " refused the bearer token (STORAGE_AUTH_TOKEN): HTTP 401").doesNotContain(TOKEN);
	}

	@Test
	void aTokenForAnHttpStorageExitsTwoUnlessHttpIsAllowed() {
		// given
		System.clearProperty("storage.allow-http");

		// when
		int exit = run("start", "clipBackfill");

		// then
		assertThat(exit).isEqualTo(2);
		assertThat(this.err.toString(StandardCharsets.UTF_8)).contains("STORAGE_AUTH_TOKEN would travel unencrypted")
			.contains("STORAGE_ALLOW_HTTP=true")
			.doesNotContain(TOKEN);
	}

	private int run(String... args) {
		this.out.reset();
		this.err.reset();
		return CommandLine.run(args, new PrintStream(this.out, true, StandardCharsets.UTF_8),
				new PrintStream(this.err, true, StandardCharsets.UTF_8), Map.of("DATABASE_URL", this.database.libpqUrl()));
	}

}
