package com.heimdex.embeddings.clip;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.support.DatabaseTest;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
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

/**
 * clipBackfill when the storage refuses its token: the run stops, resumable, the scenes untouched;
 * an absolute URL elsewhere that answers 401/403 is only that scene's error.
 */
class ClipBackfillStorageAuthorizationTests extends DatabaseTest {

	private static final String TOKEN = "storage-token-of-the-job";

	private static final String STORAGE = "/storage/v1/object/thumbnails/";

	private static final ThumbnailTestServer server = ThumbnailTestServer.start();

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	@Qualifier("clipBackfillDescriptor")
	private JobDescriptor descriptor;

	private final UUID owner = UUID.randomUUID();

	@DynamicPropertySource
	static void storage(DynamicPropertyRegistry registry) {
		registry.add("clip.model-path", () -> ClipBackfillTestSupport.model().toString());
		registry.add("thumbnails.allow-private-addresses", () -> "true");
		registry.add("thumbnails.initial-backoff", () -> "10ms");
		registry.add("storage.base-url", () -> server.url(STORAGE));
		registry.add("storage.auth-token", () -> TOKEN);
		registry.add("storage.allow-http", () -> "true");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void cleanScenes() {
		this.jdbc.update("TRUNCATE videos CASCADE");
	}

	@Test
	void aRefusedStorageTokenStopsTheRunUntouchedAndTheRunResumesOnceItIsAccepted() throws Exception {
		// given: the storage accepts only another token (ours expired)
		UUID video = video(this.jdbc, this.owner);
		List<UUID> scenes = new ArrayList<>();
		for (int i = 0; i < 7; i++) {
			String key = this.owner + "/" + video + "/thumbnails/scene_" + i + ".jpg";
			server.requireBearer(STORAGE + key, "the-renewed-token", thumbnail(i), "image/jpeg");
			scenes.add(scene(this.jdbc, video, this.owner, i, key));
		}

		// when
		JobExecution refused = run();

		// then: FAILED with a message naming the storage and its token; nothing written for any scene
		assertThat(refused.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(refused.getExitStatus().getExitDescription()).contains("the storage " + server.url(STORAGE))
			.contains("STORAGE_AUTH_TOKEN")
			.contains("HTTP 401")
			.doesNotContain(TOKEN);
		assertThat(this.jdbc.queryForObject(
				"SELECT count(*) FROM video_scenes WHERE visual_clip_metadata IS NOT NULL OR embedding_visual_clip IS NOT NULL",
				Long.class)).isZero();

		// and when the storage accepts the token again, the same command resumes the run
		for (int i = 0; i < 7; i++) {
			String key = this.owner + "/" + video + "/thumbnails/scene_" + i + ".jpg";
			server.requireBearer(STORAGE + key, TOKEN, thumbnail(i), "image/jpeg");
		}
		JobExecution resumed = run();

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(refused.getJobInstanceId());
		assertThat(embedded(this.jdbc)).isEqualTo(7);
		assertThat(scenes).allSatisfy((scene) -> assertThat(clipRow(this.jdbc, scene).get("error")).isNull());
	}

	@Test
	void a401Or403FromAnAbsoluteUrlElsewhereIsThatScenesError() throws Exception {
		// given: localhost is another origin than the storage's 127.0.0.1
		UUID video = video(this.jdbc, this.owner);
		server.status("/cdn/expired-signature.jpg", 403);
		UUID expired = scene(this.jdbc, video, this.owner, 1, server.localhostUrl("/cdn/expired-signature.jpg"));
		server.serve("/cdn/fine.jpg", thumbnail(2), "image/jpeg");
		UUID fine = scene(this.jdbc, video, this.owner, 2, server.localhostUrl("/cdn/fine.jpg"));

		// when
		JobExecution execution = run();

		// then
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(clipRow(this.jdbc, expired).get("error")).isEqualTo("thumbnail_http_error");
		assertThat(clipRow(this.jdbc, fine).get("embedded")).isEqualTo(true);
	}

	private JobExecution run(String... parameters) throws Exception {
		return this.launcher.launch("clipBackfill", this.descriptor.toJobParameters(List.of(parameters)));
	}

}
