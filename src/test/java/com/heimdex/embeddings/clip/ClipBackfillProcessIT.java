package com.heimdex.embeddings.clip;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * The built jar as operators run it, as separate processes: killed with SIGKILL or stopped with
 * SIGTERM in the middle of a run and launched again, and three partitions side by side. Nothing
 * is lost and nothing committed is embedded again.
 */
class ClipBackfillProcessIT {

	private static final int SCENES = 240;

	private TestDatabase database;

	private JdbcTemplate jdbc;

	private ThumbnailTestServer server;

	private Path logs;

	@BeforeEach
	void setUp() throws IOException {
		this.database = TestDatabase.create(ClipBackfillProcessIT.class);
		this.jdbc = this.database.jdbcTemplate();
		this.server = ThumbnailTestServer.start();
		this.logs = Files.createTempDirectory("clip-kill-it");
	}

	@AfterEach
	void tearDown() {
		this.server.close();
		this.database.close();
	}

	@Test
	void aKilledRunResumesWithoutLosingOrRepeatingCommittedScenes() throws Exception {
		migrateAndSeedScenes();
		String[] command = { "start", "clipBackfill", "batchSize=10", "processingDelay=0.01" };

		Process first = jar(command);
		waitUntil(() -> ClipBackfillTestSupport.embedded(this.jdbc) >= 30, first);
		first.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		long committedBeforeKill = ClipBackfillTestSupport.embedded(this.jdbc);
		assertThat(committedBeforeKill).isLessThan(SCENES);
		assertThat(this.jdbc.queryForObject("SELECT status FROM batch_job_execution ORDER BY job_execution_id LIMIT 1",
				String.class)).isEqualTo("STARTED");

		Process second = jar(command);

		assertThat(second.waitFor(180, TimeUnit.SECONDS)).as("second run finished").isTrue();
		assertThat(second.exitValue()).as("exit code, log in " + this.logs).isZero();
		assertThat(ClipBackfillTestSupport.embedded(this.jdbc)).isEqualTo(SCENES);
		List<Map<String, Object>> byExecution = this.jdbc.queryForList("""
				SELECT (visual_clip_metadata->>'job_execution_id')::bigint AS execution, count(*) AS scenes
				FROM video_scenes GROUP BY 1 ORDER BY 1""");
		assertThat(byExecution).hasSize(2);
		assertThat(byExecution.get(0).get("scenes")).isEqualTo(committedBeforeKill);
		assertThat(byExecution.get(1).get("scenes")).isEqualTo(SCENES - committedBeforeKill);
		assertThat(this.jdbc.queryForList("SELECT status FROM batch_job_execution ORDER BY job_execution_id",
				String.class)).containsExactly("FAILED", "COMPLETED");
	}

	@Test
	void sigtermLetsTheCurrentChunkCommitStopsTheExecutionAndExitsOne() throws Exception {
		migrateAndSeedScenes();
		String[] command = { "start", "clipBackfill", "batchSize=10", "processingDelay=0.01" };

		Process first = jar(command);
		waitUntil(() -> ClipBackfillTestSupport.embedded(this.jdbc) >= 20, first);
		first.destroy();

		assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("stopped in time").isTrue();
		assertThat(first.exitValue()).as("exit code, log in " + this.logs).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT status FROM batch_job_execution", String.class)).isEqualTo("STOPPED");
		long committed = ClipBackfillTestSupport.embedded(this.jdbc);
		assertThat(committed % 10).as("whole chunks only").isZero();
		assertThat(committed).isLessThan(SCENES);

		Process second = jar(command);

		assertThat(second.waitFor(180, TimeUnit.SECONDS)).isTrue();
		assertThat(second.exitValue()).isZero();
		assertThat(ClipBackfillTestSupport.embedded(this.jdbc)).isEqualTo(SCENES);
		assertThat(this.jdbc.queryForList("SELECT status FROM batch_job_execution ORDER BY job_execution_id",
				String.class)).containsExactly("STOPPED", "COMPLETED");
	}

	@Test
	void threeProcessesOnePartitionEachEmbedEverySceneExactlyOnce() throws Exception {
		migrateAndSeedScenes();

		List<Process> processes = new ArrayList<>();
		for (int partition = 0; partition < 3; partition++) {
			processes.add(jarWithEnvironment(Map.of("JOB_COMPLETION_INDEX", String.valueOf(partition)), "start",
					"clipBackfill", "partitions=3", "batchSize=20"));
		}
		for (Process process : processes) {
			assertThat(process.waitFor(240, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).as("exit code, logs in " + this.logs).isZero();
		}

		assertThat(ClipBackfillTestSupport.embedded(this.jdbc)).isEqualTo(SCENES);
		List<Map<String, Object>> executions = this.jdbc.queryForList("""
				SELECT e.job_execution_id, e.status,
				  (SELECT count(*) FROM video_scenes s
				   WHERE (s.visual_clip_metadata->>'job_execution_id')::bigint = e.job_execution_id) AS embedded,
				  (SELECT sum(read_count) FROM batch_step_execution t WHERE t.job_execution_id = e.job_execution_id) AS read
				FROM batch_job_execution e ORDER BY 1""");
		assertThat(executions).hasSize(3).allSatisfy((execution) -> {
			assertThat(execution.get("status")).isEqualTo("COMPLETED");
			assertThat(((Number) execution.get("embedded")).longValue()).isPositive()
				.isEqualTo(((Number) execution.get("read")).longValue());
		});
		assertThat(executions.stream().mapToLong((execution) -> ((Number) execution.get("read")).longValue()).sum())
			.as("every scene read by exactly one partition")
			.isEqualTo(SCENES);
	}

	/** Migrates the database with the jar itself, then adds {@link #SCENES} scenes with thumbnails. */
	private void migrateAndSeedScenes() throws Exception {
		assertThat(jar("status").waitFor()).isZero();
		UUID owner = UUID.randomUUID();
		UUID video = ClipBackfillTestSupport.video(this.jdbc, owner);
		for (int i = 0; i < SCENES; i++) {
			this.server.serve("/scenes/" + i + ".jpg", ClipBackfillTestSupport.thumbnail(i), "image/jpeg");
			ClipBackfillTestSupport.scene(this.jdbc, video, owner, i, this.server.url("/scenes/" + i + ".jpg"));
		}
	}

	private Process jar(String... args) throws IOException {
		return jarWithEnvironment(Map.of(), args);
	}

	private Process jarWithEnvironment(Map<String, String> environment, String... args) throws IOException {
		return ApplicationJar.of(this.database, this.logs)
			.withEnvironment(Map.of("CLIP_MODEL_PATH", ClipBackfillTestSupport.model().toString(),
					"THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true"))
			.withEnvironment(environment)
			.start(args);
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
