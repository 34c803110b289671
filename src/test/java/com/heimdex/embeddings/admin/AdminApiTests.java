package com.heimdex.embeddings.admin;

import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.heimdex.embeddings.batch.JobRunLock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webmvc.test.autoconfigure.AutoConfigureMockMvc;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

/** The admin API's contract: seeds/004's endpoint, jobs, executions, coverage, spec; admin only. */
@AutoConfigureMockMvc
class AdminApiTests extends AdminServerTest {

	@Autowired
	private MockMvc mvc;

	@Autowired
	private DataSource dataSource;

	static Stream<Arguments> everyEndpoint() {
		return Stream.of(Arguments.of(post("/v1/admin/reprocess-embeddings").contentType(MediaType.APPLICATION_JSON)
			.content("{\"scope\": \"all\"}")), Arguments.of(get("/v1/admin/jobs")),
				Arguments.of(post("/v1/admin/jobs/textBackfill/executions")), Arguments.of(get("/v1/admin/executions")),
				Arguments.of(get("/v1/admin/executions/1")), Arguments.of(post("/v1/admin/executions/1/stop")),
				Arguments.of(get("/v1/admin/coverage")), Arguments.of(get("/v1/admin/spec")),
				Arguments.of(get("/v3/api-docs")));
	}

	@ParameterizedTest
	@MethodSource("everyEndpoint")
	void everyEndpointRefusesRequestsWithoutTheToken(MockHttpServletRequestBuilder request) throws Exception {
		// given: a video a started job would take
		this.scene(video(UUID.randomUUID(), "READY"), UUID.randomUUID(), 0);
		long before = executions();

		// when / then: no token, a wrong token, the token in another scheme: 401, nothing started
		this.mvc.perform(request).andExpect(status().isUnauthorized())
			.andExpect(header().string(HttpHeaders.WWW_AUTHENTICATE, containsString("Bearer")));
		this.mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN + "x"))
			.andExpect(status().isUnauthorized());
		this.mvc.perform(request.header(HttpHeaders.AUTHORIZATION, "Basic " + TOKEN))
			.andExpect(status().isUnauthorized());
		assertThat(executions()).isEqualTo(before);
	}

	@Test
	void thePageAsksForSignInWithoutASession() throws Exception {
		long before = executions();
		this.mvc.perform(get("/admin")).andExpect(status().is3xxRedirection())
			.andExpect(header().string(HttpHeaders.LOCATION, endsWith("/admin/login")));
		this.mvc.perform(post("/admin/reprocess").header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN))
			.andExpect(status().isForbidden());
		assertThat(executions()).isEqualTo(before);
	}

	@Test
	void reprocessEmbeddingsQueuesARunThatBringsTheVideosToTheSpec() throws Exception {
		// given: two READY videos of an owner, one in PROCESSING
		UUID owner = UUID.randomUUID();
		UUID video = video(owner, "READY");
		UUID scene = scene(video, owner, 0);
		scene(video(owner, "READY"), owner, 0);
		UUID busy = video(owner, "PROCESSING");
		UUID busyScene = scene(busy, owner, 0);

		// when
		long after = lastExecutionId("reprocess");
		this.mvc.perform(authorized(post("/v1/admin/reprocess-embeddings")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"scope\": \"all\", \"force\": false}"))
			// then: seeds/004's answer
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.status").value("queued"))
			.andExpect(jsonPath("$.spec_version").value("2026-12-01"))
			.andExpect(jsonPath("$.scope").value("all"))
			.andExpect(jsonPath("$.video_count").value(2))
			.andExpect(jsonPath("$.message")
				.value("Queued embedding reprocessing for 2 video(s) using spec version 2026-12-01"))
			.andExpect(jsonPath("$.parameters.scope").value("all"));

		// and the run completes in the background: PostgreSQL holds the vectors and the spec
		assertThat(awaitEnded("reprocess", after)).isEqualTo("COMPLETED");
		assertThat(this.jdbc.queryForObject("SELECT embedding_transcript IS NOT NULL FROM video_scenes WHERE id = ?",
				Boolean.class, scene)).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT embedding_spec_version FROM videos WHERE id = ?", String.class, video))
			.isEqualTo("2026-12-01");
		assertThat(this.jdbc.queryForObject("""
				SELECT embedding_transcript IS NULL AND v.embedding_spec_version IS NULL
				FROM video_scenes s JOIN videos v ON v.id = s.video_id WHERE s.id = ?""", Boolean.class, busyScene))
			.isTrue();
	}

	@Test
	void reprocessEmbeddingsForOneVideoCountsThatVideo() throws Exception {
		UUID owner = UUID.randomUUID();
		UUID video = video(owner, "READY");
		scene(video, owner, 0);
		video(owner, "READY");

		long after = lastExecutionId("reprocess");
		this.mvc.perform(authorized(post("/v1/admin/reprocess-embeddings")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"scope\": \"video\", \"video_id\": \"" + video + "\"}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.video_count").value(1))
			.andExpect(jsonPath("$.parameters.videoId").value(video.toString()));
		assertThat(awaitEnded("reprocess", after)).isEqualTo("COMPLETED");
	}

	static Stream<Arguments> badReprocessRequests() {
		return Stream.of(Arguments.of("{\"scope\": \"everything\"}", "scope"), Arguments.of("{}", "scope"),
				Arguments.of("{\"scope\": \"video\"}", "video_id"),
				Arguments.of("{\"scope\": \"video\", \"video_id\": \"12345\"}", "video_id"),
				Arguments.of("{\"scope\": \"owner\", \"owner_id\": \"not-a-uuid\"}", "owner_id"),
				Arguments.of("{\"scope\": \"all\", \"owner_id\": \"" + UUID.randomUUID() + "\"}", "owner_id"),
				Arguments.of("{\"scope\": \"all\", \"force\": \"maybe\"}", "body"), Arguments.of("[1, 2", "body"));
	}

	@ParameterizedTest
	@MethodSource("badReprocessRequests")
	void badReprocessRequestsAreRefusedNamingTheFieldAndStartNothing(String body, String field) throws Exception {
		scene(video(UUID.randomUUID(), "READY"), UUID.randomUUID(), 0);
		long before = executions();

		this.mvc.perform(authorized(post("/v1/admin/reprocess-embeddings")).contentType(MediaType.APPLICATION_JSON)
			.content(body)).andExpect(status().isBadRequest()).andExpect(jsonPath("$.field").value(field))
			.andExpect(jsonPath("$.error").isNotEmpty());

		assertThat(executions()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT count(embedding_transcript) FROM video_scenes", Long.class)).isZero();
	}

	@Test
	void reprocessRunningElsewhereIsRefusedWith409() throws Exception {
		// given: another process runs reprocess (it holds the job's run lock)
		scene(video(UUID.randomUUID(), "READY"), UUID.randomUUID(), 0);
		long before = executions();
		try (JobRunLock elsewhere = JobRunLock.tryAcquire(this.dataSource, "reprocess")) {
			assertThat(elsewhere).isNotNull();

			// when / then
			this.mvc.perform(authorized(post("/v1/admin/reprocess-embeddings")).contentType(MediaType.APPLICATION_JSON)
				.content("{\"scope\": \"all\"}"))
				.andExpect(status().isConflict())
				.andExpect(jsonPath("$.error").value(containsString("already running")));
		}
		assertThat(executions()).isEqualTo(before);
		assertThat(this.jdbc.queryForObject("SELECT count(embedding_transcript) FROM video_scenes", Long.class)).isZero();
	}

	@Test
	void anyJobStartsWithItsParametersAndBadOnesAreRefused() throws Exception {
		UUID owner = UUID.randomUUID();
		UUID video = video(owner, "READY");
		UUID first = scene(video, owner, 0);
		UUID other = scene(video(owner, "READY"), owner, 0);

		long after = lastExecutionId("textBackfill");
		this.mvc.perform(authorized(post("/v1/admin/jobs/textBackfill/executions")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"parameters\": {\"videoId\": \"" + video + "\", \"batchSize\": 10}}"))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.job_name").value("textBackfill"))
			.andExpect(jsonPath("$.parameters.batchSize").value("10"));
		assertThat(awaitEnded("textBackfill", after)).isEqualTo("COMPLETED");
		assertThat(this.jdbc.queryForList("SELECT id FROM video_scenes WHERE embedding_transcript IS NOT NULL", UUID.class))
			.containsExactly(first);
		assertThat(other).isNotNull();
		long before = executions();
		this.mvc.perform(authorized(post("/v1/admin/jobs/textBackfill/executions")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"parameters\": {\"batchSize\": \"lots\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value(containsString("batchSize")));
		this.mvc.perform(authorized(post("/v1/admin/jobs/textBackfill/executions")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"parameters\": {\"colour\": \"blue\"}}"))
			.andExpect(status().isBadRequest())
			.andExpect(jsonPath("$.error").value(containsString("colour")));
		this.mvc.perform(authorized(post("/v1/admin/jobs/nightlyMagic/executions")))
			.andExpect(status().isNotFound());
		assertThat(executions()).isEqualTo(before);
	}

	@Test
	void aFailingJobLeavesTheServerServingAndItsExecutionFailed() throws Exception {
		// given: the embedding endpoint refuses the key
		UUID owner = UUID.randomUUID();
		scene(video(owner, "READY"), owner, 0);
		embeddings.requireApiKey("another-key");

		// when
		long after = lastExecutionId("textBackfill");
		this.mvc.perform(authorized(post("/v1/admin/jobs/textBackfill/executions")))
			.andExpect(status().isAccepted());
		String status = awaitEnded("textBackfill", after);

		// then: FAILED, nothing written, and the server still answers and starts the next run
		assertThat(status).isEqualTo("FAILED");
		assertThat(this.jdbc.queryForObject("SELECT count(embedding_transcript) FROM video_scenes", Long.class)).isZero();
		embeddings.requireApiKey(null);
		after = lastExecutionId("textBackfill");
		this.mvc.perform(authorized(post("/v1/admin/jobs/textBackfill/executions")))
			.andExpect(status().isAccepted());
		assertThat(awaitEnded("textBackfill", after)).isEqualTo("COMPLETED");
		assertThat(this.jdbc.queryForObject("SELECT count(embedding_transcript) FROM video_scenes", Long.class))
			.isEqualTo(1);
	}

	@Test
	void aRunningExecutionIsListedWithProgressAndStopsWhenAsked() throws Exception {
		// given: a slow endpoint and one scene per chunk
		UUID owner = UUID.randomUUID();
		UUID video = video(owner, "READY");
		for (int i = 0; i < 20; i++) {
			scene(video, owner, i);
		}
		embeddings.latency(java.time.Duration.ofMillis(300));
		long after = lastExecutionId("textBackfill");
		this.mvc.perform(authorized(post("/v1/admin/jobs/textBackfill/executions")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"parameters\": {\"batchSize\": \"1\"}}")).andExpect(status().isAccepted());
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> this.jdbc.queryForObject("SELECT count(embedding_transcript) FROM video_scenes",
					Long.class) >= 2);
		long id = lastExecutionId("textBackfill");

		// when: listed while it runs
		this.mvc.perform(authorized(get("/v1/admin/executions")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$[0].execution_id").value(id))
			.andExpect(jsonPath("$[0].status").value("STARTED"))
			.andExpect(jsonPath("$[0].progress.total").value(20))
			.andExpect(jsonPath("$[0].progress.done").isNumber());
		// and stopped
		this.mvc.perform(authorized(post("/v1/admin/executions/" + id + "/stop")))
			.andExpect(status().isAccepted())
			.andExpect(jsonPath("$.message").value(containsString("will stop")));
		String status = awaitEnded("textBackfill", after);

		// then: STOPPED with its committed chunks kept, resumable; stopping it again is a conflict
		assertThat(status).isEqualTo("STOPPED");
		long embedded = this.jdbc.queryForObject("SELECT count(embedding_transcript) FROM video_scenes", Long.class);
		assertThat(embedded).isBetween(2L, 19L);
		this.mvc.perform(authorized(post("/v1/admin/executions/" + id + "/stop"))).andExpect(status().isConflict());
		this.mvc.perform(authorized(post("/v1/admin/executions/999999/stop"))).andExpect(status().isNotFound());
		this.mvc.perform(authorized(get("/v1/admin/executions/" + id)))
			.andExpect(jsonPath("$.status").value("STOPPED"));
		// the same request resumes it
		embeddings.latency(java.time.Duration.ZERO);
		after = lastExecutionId("textBackfill");
		this.mvc.perform(authorized(post("/v1/admin/jobs/textBackfill/executions")).contentType(MediaType.APPLICATION_JSON)
			.content("{\"parameters\": {\"batchSize\": \"1\"}}")).andExpect(status().isAccepted());
		assertThat(awaitEnded("textBackfill", after)).isEqualTo("COMPLETED");
		assertThat(lastExecutionId("textBackfill")).isEqualTo(id + 1);
		assertThat(this.jdbc.queryForObject("SELECT count(DISTINCT JOB_INSTANCE_ID) FROM BATCH_JOB_EXECUTION "
				+ "WHERE JOB_EXECUTION_ID IN (?, ?)", Long.class, id, id + 1)).isEqualTo(1);
		assertThat(this.jdbc.queryForObject("SELECT count(embedding_transcript) FROM video_scenes", Long.class))
			.isEqualTo(20);
	}

	@Test
	void coverageAndSpecAreWhatStatusPrints() throws Exception {
		// given: three scenes, one with a thumbnail and a CLIP error, two with text, one of them embedded
		UUID owner = UUID.randomUUID();
		UUID video = video(owner, "READY");
		UUID embedded = scene(video, owner, 0);
		scene(video, owner, 1);
		this.jdbc.update("""
				INSERT INTO video_scenes (id, video_id, owner_id, scene_index, thumbnail_url, visual_clip_metadata)
				VALUES (?, ?, ?, 2, 'https://example.com/a.jpg', '{"error": "thumbnail_timeout"}')""",
				UUID.randomUUID(), video, owner);
		this.jdbc.update("UPDATE video_scenes SET embedding_transcript = array_fill(0.1, ARRAY[1536])::vector WHERE id = ?",
				embedded);

		this.mvc.perform(authorized(get("/v1/admin/coverage")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.scenes").value(3))
			.andExpect(jsonPath("$.no_thumbnail").value(2))
			.andExpect(jsonPath("$.channels[0].channel").value("clip"))
			.andExpect(jsonPath("$.channels[0].eligible").value(1))
			.andExpect(jsonPath("$.channels[0].embedded").value(0))
			.andExpect(jsonPath("$.channels[1].channel").value("text_transcript"))
			.andExpect(jsonPath("$.channels[1].eligible").value(2))
			.andExpect(jsonPath("$.channels[1].embedded").value(1))
			.andExpect(jsonPath("$.channels[1].coverage_pct").value(50.0))
			.andExpect(jsonPath("$.channels[?(@.channel == 'lexical')].eligible").value(org.hamcrest.Matchers.contains(3)))
			.andExpect(jsonPath("$.channels[?(@.channel == 'lexical')].embedded").value(org.hamcrest.Matchers.contains(0)))
			.andExpect(jsonPath("$.errors[0].channel").value("clip"))
			.andExpect(jsonPath("$.errors[0].error").value("thumbnail_timeout"))
			.andExpect(jsonPath("$.errors[0].count").value(1))
			.andExpect(jsonPath("$.at_current_spec[0].table").value("videos"))
			.andExpect(jsonPath("$.at_current_spec[0].rows").value(1));
		this.mvc.perform(authorized(get("/v1/admin/spec")))
			.andExpect(status().isOk())
			.andExpect(jsonPath("$.version").value("2026-12-01"))
			.andExpect(jsonPath("$.fingerprint").isString())
			.andExpect(jsonPath("$.steps[0].name").value("sceneText"))
			.andExpect(jsonPath("$.steps[0].enabled").value(true))
			.andExpect(jsonPath("$.steps[0].identity.model").value("text-embedding-3-small"))
			.andExpect(jsonPath("$.steps[1].name").value("sceneClip"))
			.andExpect(jsonPath("$.steps[1].enabled").value(false))
			.andExpect(jsonPath("$.steps[1].off_reason").value("CLIP_ENABLED=false"));
		this.mvc.perform(authorized(get("/v1/admin/jobs")))
			.andExpect(jsonPath("$[?(@.name == 'reprocess')].parameters[*].name").value(org.hamcrest.Matchers.hasItem("scope")));
	}

	private static MockHttpServletRequestBuilder authorized(MockHttpServletRequestBuilder request) {
		return request.header(HttpHeaders.AUTHORIZATION, "Bearer " + TOKEN);
	}

}
