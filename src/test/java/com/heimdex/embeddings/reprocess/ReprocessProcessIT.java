package com.heimdex.embeddings.reprocess;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import com.heimdex.embeddings.support.ApplicationJar;
import com.heimdex.embeddings.support.TestDatabase;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The built jar killed with SIGKILL in the middle of a reprocess run, then the same command again:
 * everything ends current, nothing committed is embedded again, and a further run reads nothing.
 */
class ReprocessProcessIT {

	private static final int SCENES = 200;

	private TestDatabase database;

	private JdbcTemplate jdbc;

	private ThumbnailTestServer server;

	private Path logs;

	@BeforeEach
	void setUp() throws IOException {
		this.database = TestDatabase.create(ReprocessProcessIT.class);
		this.jdbc = this.database.jdbcTemplate();
		this.server = ThumbnailTestServer.start();
		this.logs = Files.createTempDirectory("reprocess-kill-it");
	}

	@AfterEach
	void tearDown() {
		this.server.close();
		this.database.close();
	}

	/** The jar with the test model, the local thumbnail server allowed, texts switched off (not this test's subject). */
	private Process jar(String... args) throws IOException {
		return ApplicationJar.of(this.database, this.logs)
			.withEnvironment(Map.of("CLIP_MODEL_PATH", ReprocessFixtures.model().toString(),
					"THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true", "EMBEDDING_ENABLED", "false"))
			.start(args);
	}

	@Test
	void aKilledRunResumesAndEndsWithEverythingCurrent() throws Exception {
		// given: scenes whose thumbnails answer slowly enough to kill the run in the middle
		assertThat(jar("status").waitFor()).isZero();
		UUID owner = UUID.randomUUID();
		ReprocessFixtures fixtures = new ReprocessFixtures(this.jdbc, this.server);
		UUID video = fixtures.video(owner, "READY");
		for (int i = 0; i < SCENES; i++) {
			UUID scene = fixtures.scene(video, owner);
			String path = "/slow-" + scene + ".jpg";
			this.server.slow(path, Duration.ofMillis(60), ReprocessFixtures.image(i), "image/jpeg");
			this.jdbc.update("UPDATE video_scenes SET thumbnail_url = ? WHERE id = ?", this.server.url(path), scene);
		}
		String[] command = { "start", "reprocess", "scope=all", "batchSize=10" };

		// when: killed once some chunks are committed
		Process first = jar(command);
		waitUntil(() -> clipEmbedded() >= 30, first);
		first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		long committedBeforeKill = clipEmbedded();
		assertThat(committedBeforeKill).isLessThan(SCENES);

		// and: the same command again
		Process second = jar(command);
		assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();

		// then: every scene is current, each embedded by one execution only
		assertThat(second.exitValue()).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_spec_version IS NOT NULL",
				Long.class)).isEqualTo(SCENES);
		assertThat(this.jdbc.queryForObject("SELECT embedding_spec_version FROM videos WHERE id = ?", String.class,
				video)).isNotNull();
		List<Map<String, Object>> byExecution = this.jdbc.queryForList("""
				SELECT (visual_clip_metadata ->> 'job_execution_id')::bigint AS execution, count(*) AS scenes
				FROM video_scenes GROUP BY 1 ORDER BY 1""");
		assertThat(byExecution).hasSize(2);
		assertThat(((Number) byExecution.get(0).get("scenes")).longValue()).isEqualTo(committedBeforeKill);
		assertThat(((Number) byExecution.get(1).get("scenes")).longValue()).isEqualTo(SCENES - committedBeforeKill);

		// when: once more
		Process third = jar(command);
		assertThat(third.waitFor(120, TimeUnit.SECONDS)).isTrue();

		// then: nothing is read
		assertThat(third.exitValue()).isZero();
		assertThat(this.jdbc.queryForObject("""
				SELECT sum(read_count) FROM batch_step_execution
				WHERE job_execution_id = (SELECT max(job_execution_id) FROM batch_job_execution)""", Long.class))
			.isZero();
	}

	private long clipEmbedded() {
		return this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_visual_clip IS NOT NULL",
				Long.class);
	}


	private static void waitUntil(java.util.function.BooleanSupplier condition, Process process)
			throws InterruptedException {
		long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
		while (!condition.getAsBoolean()) {
			assertThat(process.isAlive()).as("job still running").isTrue();
			assertThat(System.nanoTime()).as("waited for committed chunks").isLessThan(deadline);
			Thread.sleep(50);
		}
	}

}
