package com.heimdex.embeddings.clip;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.batch.RunSummary;
import com.heimdex.embeddings.support.DatabaseTest;
import com.heimdex.embeddings.thumbnail.TestImages;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.heimdex.embeddings.clip.ClipBackfillTestSupport.clipRow;
import static com.heimdex.embeddings.clip.ClipBackfillTestSupport.embedded;
import static com.heimdex.embeddings.clip.ClipBackfillTestSupport.scene;
import static com.heimdex.embeddings.clip.ClipBackfillTestSupport.thumbnail;
import static com.heimdex.embeddings.clip.ClipBackfillTestSupport.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.within;

/** clipBackfill end to end: real PostgreSQL, thumbnails from a local server, a generated model. */
class ClipBackfillJobFunctionalTests extends DatabaseTest {

	private static final ThumbnailTestServer server = ThumbnailTestServer.start();

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	private RunSummary runSummary;

	@Autowired
	private JobOperator jobOperator;

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	@Qualifier("clipBackfill")
	private Job clipBackfill;

	@Autowired
	@Qualifier("clipBackfillDescriptor")
	private JobDescriptor descriptor;

	private final UUID owner = UUID.randomUUID();

	private UUID video;

	@DynamicPropertySource
	static void clip(DynamicPropertyRegistry registry) {
		registry.add("clip.model-path", () -> ClipBackfillTestSupport.model().toString());
		registry.add("thumbnails.allow-private-addresses", () -> "true");
		registry.add("thumbnails.read-timeout", () -> "1s");
		registry.add("thumbnails.initial-backoff", () -> "10ms");
		registry.add("thumbnails.max-bytes", () -> "300KB");
		registry.add("thumbnails.max-pixels", () -> "5000000");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void cleanScenes() {
		this.jdbc.update("TRUNCATE videos CASCADE");
		this.video = video(this.jdbc, this.owner);
	}

	@Test
	void goodScenesAreEmbeddedUnitNormWithCompleteMetadata() throws Exception {
		List<UUID> scenes = goodScenes(0, 7);
		UUID withoutThumbnail = scene(this.jdbc, this.video, this.owner, 99, null);

		JobExecution execution = run("batchSize=3");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		for (UUID scene : scenes) {
			Map<String, Object> row = clipRow(this.jdbc, scene);
			assertThat(row.get("embedded")).isEqualTo(true);
			assertThat((Double) row.get("norm")).isCloseTo(1.0, within(1e-4));
			assertThat(row.get("error")).isNull();
		}
		assertThat(ClipBackfillTestSupport.metadataKeys(this.jdbc, scenes.get(0))).contains("model_name", "pretrained",
				"embed_dim", "normalized", "device", "frame_path", "frame_quality", "inference_time_ms", "created_at",
				"error");
		assertThat(this.jdbc.queryForObject("SELECT count(DISTINCT embedding_visual_clip::text) FROM video_scenes",
				Long.class)).isEqualTo(7);
		assertThat(clipRow(this.jdbc, withoutThumbnail).get("metadata")).isNull();
		assertThat(execution.getStepExecutions().iterator().next().getReadCount()).isEqualTo(7);
	}

	@Test
	void startedThroughTheJobOperatorTheJobEmbedsGoodScenesAndRecordsTheMissingThumbnail() throws Exception {
		List<UUID> good = goodScenes(0, 3);
		server.notFound(scenePath(3));
		UUID missing = scene(this.jdbc, this.video, this.owner, 3, server.url(scenePath(3)));
		JobOperatorTestUtils jobs = new JobOperatorTestUtils(this.jobOperator, this.jobRepository);
		jobs.setJob(this.clipBackfill);

		JobExecution execution = jobs.startJob(parameters("batchSize=2"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution step = execution.getStepExecutions().iterator().next();
		assertThat(step.getReadCount()).isEqualTo(4);
		assertThat(step.getWriteCount()).isEqualTo(4);
		assertThat(step.getSkipCount()).isZero();
		assertThat(embedded(this.jdbc)).isEqualTo(3);
		for (UUID scene : good) {
			assertThat(clipRow(this.jdbc, scene).get("execution")).isEqualTo(execution.getId());
		}
		assertFailed(missing, "thumbnail_not_found");
	}

	@Test
	void aRestartThroughTheJobOperatorChecksTheParametersAgain() throws Exception {
		goodScenes(0, 2);
		// A failed execution recorded with a batch size the job does not accept.
		JobParametersBuilder builder = new JobParametersBuilder();
		for (JobParameter<?> parameter : parameters().parameters()) {
			if (!parameter.name().equals("batchSize")) {
				builder.addJobParameter(parameter);
			}
		}
		JobParameters recorded = builder.addLong("batchSize", 0L, false).toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance("clipBackfill", recorded);
		JobExecution failed = this.jobRepository.createJobExecution(instance, recorded, new ExecutionContext());
		failed.setStartTime(LocalDateTime.now());
		failed.setEndTime(LocalDateTime.now());
		failed.setStatus(BatchStatus.FAILED);
		failed.setExitStatus(ExitStatus.FAILED);
		this.jobRepository.update(failed);

		Throwable throughOperator = catchThrowable(() -> this.jobOperator.restart(failed));
		Throwable throughLauncher = catchThrowable(() -> this.launcher.restart(failed.getId()));

		for (Throwable refused : List.of(throughOperator, throughLauncher)) {
			assertThat(refused).isNotNull();
			assertThat(causes(refused)).anyMatch(InvalidJobParametersException.class::isInstance)
				.anyMatch((cause) -> cause instanceof InvalidJobArgumentsException
						&& cause.getMessage().contains("invalid value '0' for parameter 'batchSize'"));
		}
		assertThat(this.jobRepository.getJobExecutions(instance)).hasSize(1);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE visual_clip_metadata IS NOT NULL",
				Long.class)).isZero();
	}

	@Test
	void eachBadThumbnailIsRecordedWithItsOwnCodeAndTheRunGoesOn() throws Exception {
		byte[] good = thumbnail(1);
		UUID ok = sceneServing("/good.jpg", good);
		server.notFound("/missing.jpg");
		UUID missing = scene(this.jdbc, this.video, this.owner, 2, server.url("/missing.jpg"));
		server.status("/broken.jpg", 500);
		UUID broken = scene(this.jdbc, this.video, this.owner, 3, server.url("/broken.jpg"));
		server.slow("/slow.jpg", Duration.ofSeconds(3), good, "image/jpeg");
		UUID slow = scene(this.jdbc, this.video, this.owner, 4, server.url("/slow.jpg"));
		UUID corrupt = sceneServing("/corrupt.jpg", TestImages.truncated(good, good.length / 3));
		server.serve("/page.html", "<html>not an image</html>".getBytes(), "text/html");
		UUID notImage = scene(this.jdbc, this.video, this.owner, 6, server.url("/page.html"));
		UUID huge = sceneServing("/huge.jpg", new byte[400 * 1024]);
		UUID manyPixels = sceneServing("/pixels.png", TestImages.pngDeclaring(20_000, 20_000));
		server.failThenServe("/flaky.jpg", 1, 503, thumbnail(2), "image/jpeg");
		UUID flaky = scene(this.jdbc, this.video, this.owner, 9, server.url("/flaky.jpg"));

		JobExecution execution = run("batchSize=4");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(clipRow(this.jdbc, ok).get("embedded")).isEqualTo(true);
		assertThat(clipRow(this.jdbc, flaky).get("embedded")).isEqualTo(true);
		assertThat(server.requestCount("/flaky.jpg")).isEqualTo(2);
		assertFailed(missing, "thumbnail_not_found");
		assertFailed(broken, "thumbnail_http_error");
		assertFailed(slow, "thumbnail_timeout");
		assertFailed(corrupt, "image_decode_failed");
		assertFailed(notImage, "image_decode_failed");
		assertFailed(huge, "thumbnail_too_large");
		assertFailed(manyPixels, "image_too_large");
		assertThat(server.requestCount("/broken.jpg")).isEqualTo(3);
	}

	@Test
	void aDatabaseFailureFailsTheExecutionAndTheResumeSkipsCommittedChunks() throws Exception {
		List<UUID> scenes = goodScenes(0, 10);
		// A trigger stands in for a database failure while the third chunk is written.
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION fail_scene_update() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'injected database failure'; END $$""");
		this.jdbc.execute("CREATE TRIGGER fail_scene BEFORE UPDATE ON video_scenes FOR EACH ROW WHEN (NEW.id = '"
				+ scenes.get(6) + "') EXECUTE FUNCTION fail_scene_update()");
		try {
			JobExecution failed = run("batchSize=3");

			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(embedded(this.jdbc)).isEqualTo(6);
			// The failed chunk recorded nothing: a database failure is never a scene's error.
			assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE visual_clip_metadata IS NOT NULL",
					Long.class)).isEqualTo(6);
			this.jdbc.execute("DROP TRIGGER fail_scene ON video_scenes");

			JobExecution resumed = run("batchSize=3");

			assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
			assertThat(embedded(this.jdbc)).isEqualTo(10);
			for (UUID scene : scenes.subList(0, 6)) {
				assertThat(clipRow(this.jdbc, scene).get("execution")).isEqualTo(failed.getId());
			}
			for (UUID scene : scenes.subList(6, 10)) {
				assertThat(clipRow(this.jdbc, scene).get("execution")).isEqualTo(resumed.getId());
			}
			JsonNode summary = JsonMapper.builder().build().readTree(this.runSummary.log(resumed));
			assertThat(summary.get("counters").get("clip.processed").asLong()).as("this execution").isEqualTo(4);
			assertThat(summary.get("counters").get("clip.updated").asLong()).isEqualTo(4);
			assertThat(summary.get("instance_counters").get("clip.processed").asLong()).as("the instance")
				.isEqualTo(10);
			assertThat(summary.get("instance_counters").get("clip.updated").asLong()).isEqualTo(10);
		}
		finally {
			this.jdbc.execute("DROP TRIGGER IF EXISTS fail_scene ON video_scenes");
		}
	}

	@Test
	void aResumeWithAnotherBatchSizeProcessesEverySceneExactlyOnce() throws Exception {
		List<UUID> scenes = goodScenes(0, 20);
		failUpdatesOf(scenes.get(10));
		try {
			JobExecution failed = run("batchSize=5");
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(embedded(this.jdbc)).isEqualTo(10);
			this.jdbc.execute("DROP TRIGGER fail_scene ON video_scenes");

			JobExecution resumed = run("batchSize=7");

			assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
			assertThat(embedded(this.jdbc)).isEqualTo(20);
			assertWrittenBy(scenes.subList(10, 20), resumed);

			// forceRegenerate: every scene stays in scope, so a skipped one would keep its old vector.
			failUpdatesOf(scenes.get(10));
			JobExecution forcedFailed = run("forceRegenerate=true", "batchSize=5");
			assertThat(forcedFailed.getStatus()).isEqualTo(BatchStatus.FAILED);
			this.jdbc.execute("DROP TRIGGER fail_scene ON video_scenes");

			JobExecution forcedResumed = run("forceRegenerate=true", "batchSize=3");

			assertThat(forcedResumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(forcedResumed.getJobInstanceId()).isEqualTo(forcedFailed.getJobInstanceId());
			assertWrittenBy(scenes.subList(0, 10), forcedFailed);
			assertWrittenBy(scenes.subList(10, 20), forcedResumed);
			assertThat(forcedResumed.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(10);
		}
		finally {
			this.jdbc.execute("DROP TRIGGER IF EXISTS fail_scene ON video_scenes");
		}
	}

	/** A trigger that stands in for a database failure when this scene's chunk is written. */
	private void failUpdatesOf(UUID scene) {
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION fail_scene_update() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'injected database failure'; END $$""");
		this.jdbc.execute("CREATE TRIGGER fail_scene BEFORE UPDATE ON video_scenes FOR EACH ROW WHEN (NEW.id = '"
				+ scene + "') EXECUTE FUNCTION fail_scene_update()");
	}

	private void assertWrittenBy(List<UUID> scenes, JobExecution execution) {
		for (UUID scene : scenes) {
			assertThat(clipRow(this.jdbc, scene).get("execution")).as("execution that wrote scene " + scene)
				.isEqualTo(execution.getId());
		}
	}

	@Test
	void forceRegenerateReembedsAndRetryFailedTakesOnlyFailures() throws Exception {
		List<UUID> good = goodScenes(0, 3);
		server.notFound("/later.jpg");
		UUID later = scene(this.jdbc, this.video, this.owner, 5, server.url("/later.jpg"));
		JobExecution first = run();
		assertFailed(later, "thumbnail_not_found");

		server.serve("/later.jpg", thumbnail(5), "image/jpeg");
		JobExecution retry = run("retryFailed=true");

		assertThat(retry.getStepExecutions().iterator().next().getReadCount()).isEqualTo(1);
		assertThat(clipRow(this.jdbc, later).get("embedded")).isEqualTo(true);
		assertThat(clipRow(this.jdbc, good.get(0)).get("execution")).isEqualTo(first.getId());

		JobExecution forced = run("forceRegenerate=true");

		assertThat(forced.getStepExecutions().iterator().next().getReadCount()).isEqualTo(4);
		for (UUID scene : good) {
			assertThat(clipRow(this.jdbc, scene).get("execution")).isEqualTo(forced.getId());
		}
	}

	@Test
	void aForcedReEmbeddingWhoseThumbnailNowAnswers503KeepsTheWorkingVector() throws Exception {
		// given: an embedded scene whose thumbnail then answers 503
		List<UUID> scenes = goodScenes(0, 1);
		run();
		String vector = this.jdbc.queryForObject("SELECT embedding_visual_clip::text FROM video_scenes WHERE id = ?",
				String.class, scenes.get(0));
		server.status(scenePath(0), 503);

		// when
		JobExecution forced = run("forceRegenerate=true");

		// then: the vector is the one it had, the failure recorded beside it
		assertThat(forced.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Object> row = clipRow(this.jdbc, scenes.get(0));
		assertThat(this.jdbc.queryForObject("SELECT embedding_visual_clip::text FROM video_scenes WHERE id = ?",
				String.class, scenes.get(0))).isEqualTo(vector);
		assertThat(row.get("error")).isEqualTo("thumbnail_http_error");
		assertThat(row.get("execution")).isEqualTo(forced.getId());
	}

	@Test
	void failedScenesAreTakenAfterFreshOnesAndAfterTheirBackOffWhileRetryFailedTakesThemAtOnce() throws Exception {
		// given: the lowest ids fail for good (404), then scenes that work
		List<UUID> missing = new java.util.ArrayList<>();
		for (int i = 0; i < 3; i++) {
			server.notFound(scenePath(i));
			missing.add(scene(this.jdbc, this.video, this.owner, i, server.url(scenePath(i))));
		}
		List<UUID> good = goodScenes(3, 6);

		run("maxScenes=3");

		assertThat(missing).allSatisfy((scene) -> assertThat(attempts(scene)).isEqualTo("1 attempted"));

		// when: the same daily command runs again, the failed scenes wait for their back-off
		run("maxScenes=3");

		assertThat(good).allSatisfy((scene) -> assertThat(clipRow(this.jdbc, scene).get("embedded")).isEqualTo(true));
		assertThat(good).allSatisfy((scene) -> assertThat(attempts(scene)).isEqualTo("0 attempted"));
		assertThat(server.requestCount(scenePath(0))).isEqualTo(1);

		// when: their back-off has passed and new scenes came, the new ones go first
		this.jdbc.update("UPDATE video_scenes SET visual_clip_attempted_at = now() - interval '61 minutes' WHERE id = ANY(?)",
				(Object) missing.toArray(UUID[]::new));
		List<UUID> fresh = goodScenes(6, 8);
		run("maxScenes=3");

		assertThat(fresh).allSatisfy((scene) -> assertThat(clipRow(this.jdbc, scene).get("embedded")).isEqualTo(true));
		assertThat(attempts(missing.get(0))).isEqualTo("2 attempted");
		assertThat(attempts(missing.get(1))).isEqualTo("1 attempted");
		assertThat(server.requestCount(scenePath(0))).isEqualTo(2);

		// when: retryFailed, every failed scene is taken at once, back-off or not
		server.serve(scenePath(1), thumbnail(1), "image/jpeg");
		run("retryFailed=true");

		assertThat(attempts(missing.get(0))).isEqualTo("3 attempted");
		assertThat(attempts(missing.get(1))).as("a success resets the count").isEqualTo("0 attempted");
		assertThat(clipRow(this.jdbc, missing.get(1)).get("embedded")).isEqualTo(true);
		assertThat(attempts(missing.get(2))).isEqualTo("2 attempted");
	}

	/** {@code "<failures> attempted"}, or {@code "<failures> never"} when no attempt was recorded. */
	private String attempts(UUID scene) {
		return this.jdbc.queryForObject("""
				SELECT visual_clip_failures || CASE WHEN visual_clip_attempted_at IS NULL THEN ' never' ELSE ' attempted' END
				FROM video_scenes WHERE id = ?""", String.class, scene);
	}

	@Test
	void filtersAndMaxScenesNarrowTheRun() throws Exception {
		UUID otherOwner = UUID.randomUUID();
		UUID otherVideo = video(this.jdbc, otherOwner);
		List<UUID> mine = goodScenes(0, 4);
		server.serve("/other.jpg", thumbnail(50), "image/jpeg");
		UUID theirs = scene(this.jdbc, otherVideo, otherOwner, 50, server.url("/other.jpg"));

		run("userId=" + this.owner, "maxScenes=3");

		assertThat(embedded(this.jdbc)).isEqualTo(3);
		assertThat(clipRow(this.jdbc, theirs).get("embedded")).isEqualTo(false);

		run("videoId=" + otherVideo);

		assertThat(clipRow(this.jdbc, theirs).get("embedded")).isEqualTo(true);
		assertThat(clipRow(this.jdbc, mine.get(3)).get("embedded")).isEqualTo(false);
	}

	@Test
	void partitionsTakeDisjointSlicesThatTogetherCoverEveryScene() throws Exception {
		goodScenes(0, 30);

		List<JobExecution> executions = List.of(run("partitions=3", "partition=0"), run("partitions=3", "partition=1"),
				run("partitions=3", "partition=2"));

		assertThat(embedded(this.jdbc)).isEqualTo(30);
		long readByAll = executions.stream()
			.mapToLong((execution) -> execution.getStepExecutions().iterator().next().getReadCount())
			.sum();
		assertThat(readByAll).isEqualTo(30);
		assertThat(executions).allSatisfy((execution) -> assertThat(
				execution.getStepExecutions().iterator().next().getReadCount()).isBetween(3L, 20L));
	}

	@Test
	void dryRunFetchesAndWritesNothing() throws Exception {
		goodScenes(0, 5);

		JobExecution execution = run("dryRun=true");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getStepExecutions().iterator().next().getReadCount()).isEqualTo(5);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM video_scenes WHERE visual_clip_metadata IS NOT NULL OR embedding_visual_clip IS NOT NULL",
				Long.class)).isZero();
		assertThat(server.requestCount(scenePath(0))).isZero();
	}

	@Test
	void processingDelayPacesScenes() throws Exception {
		goodScenes(0, 3);
		long start = System.nanoTime();

		run("processingDelay=0.2");

		// Three scenes with 0.2 s between them take at least 0.4 s.
		assertThat((System.nanoTime() - start) / 1e9).isGreaterThanOrEqualTo(0.4);
		assertThat(embedded(this.jdbc)).isEqualTo(3);
	}

	private JobExecution run(String... parameters) throws Exception {
		return this.launcher.launch("clipBackfill", parameters(parameters));
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> causes = new java.util.ArrayList<>();
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			causes.add(cause);
		}
		return causes;
	}

	/** The parameters of {@code name=value} words, with a {@code run.id} of their own. */
	private JobParameters parameters(String... words) {
		return new JobParametersBuilder(this.descriptor.toJobParameters(List.of(words)))
			.addLong(JobDescriptor.RUN_ID, System.nanoTime())
			.toJobParameters();
	}

	private List<UUID> goodScenes(int from, int to) {
		List<UUID> ids = new java.util.ArrayList<>();
		for (int i = from; i < to; i++) {
			server.serve(scenePath(i), thumbnail(i), "image/jpeg");
			ids.add(scene(this.jdbc, this.video, this.owner, i, server.url(scenePath(i))));
		}
		return ids;
	}

	/** Paths are per video: the server is shared by the class's tests and counts requests per path. */
	private String scenePath(int index) {
		return "/" + this.video + "/scene-" + index + ".jpg";
	}

	private UUID sceneServing(String path, byte[] body) {
		server.serve(path, body, "image/jpeg");
		int index = Math.abs(path.hashCode() % 1000) + 100;
		return scene(this.jdbc, this.video, this.owner, index, server.url(path));
	}

	private void assertFailed(UUID scene, String code) {
		Map<String, Object> row = clipRow(this.jdbc, scene);
		assertThat(row.get("embedded")).as("embedding of a failed scene").isEqualTo(false);
		assertThat(row.get("error")).isEqualTo(code);
		assertThat((String) row.get("error_detail")).isNotBlank();
	}

}
