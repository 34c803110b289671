package com.heimdex.embeddings.reprocess;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.spec.EmbeddingSpecs;
import com.heimdex.embeddings.support.DatabaseTest;
import com.heimdex.embeddings.text.FakeEmbeddingServer;
import com.heimdex.embeddings.thumbnail.ThumbnailTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * reprocess end to end: real PostgreSQL, thumbnails and photos from a local server, text embeddings
 * from the in-process OpenAI-compatible server, a generated CLIP model. A model change is what a
 * row's recorded method says: rows are made stale by recording another model in them, as rows made
 * before a change of EMBEDDING_MODEL or of the CLIP model are.
 */
class ReprocessJobFunctionalTests extends DatabaseTest {

	private static final ThumbnailTestServer server = ThumbnailTestServer.start();

	private static final FakeEmbeddingServer embeddings = startEmbeddings();

	private static final String CLIP_COLUMNS = "embedding_visual_clip::text, visual_clip_metadata::text";

	private static final String TEXT_COLUMNS = "embedding_transcript::text, embedding_visual::text, "
			+ "embedding_summary::text, text_embedding_metadata::text";

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	@Qualifier("reprocessDescriptor")
	private JobDescriptor descriptor;

	@Autowired
	private EmbeddingSpecs specs;

	@Autowired
	private JobRepository jobRepository;

	private ReprocessFixtures fixtures;

	private final UUID owner = UUID.randomUUID();

	private final UUID otherOwner = UUID.randomUUID();

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("clip.model-path", () -> ReprocessFixtures.model().toString());
		registry.add("thumbnails.allow-private-addresses", () -> "true");
		registry.add("thumbnails.initial-backoff", () -> "10ms");
		registry.add("openai.base-url", embeddings::baseUrl);
		registry.add("openai.api-key", () -> "sk-test");
		registry.add("embedding.initial-backoff", () -> "10ms");
		registry.add("embedding.max-backoff", () -> "50ms");
	}

	private static FakeEmbeddingServer startEmbeddings() {
		try {
			return new FakeEmbeddingServer();
		}
		catch (java.io.IOException ex) {
			throw new java.io.UncheckedIOException(ex);
		}
	}

	@AfterAll
	static void stopServers() {
		server.close();
		embeddings.close();
	}

	@BeforeEach
	void cleanTables() {
		this.jdbc.update("TRUNCATE videos, persons, text_embedding_cache CASCADE");
		this.fixtures = new ReprocessFixtures(this.jdbc, server);
		embeddings.requireApiKey(null);
	}

	@Test
	void bringsScenesPhotosAndPersonsToTheSpecAndASecondRunReadsNothing() throws Exception {
		// given: a video of two scenes, a person with two photos and one that answers 404, a person without photos
		UUID video = this.fixtures.video(this.owner, "READY");
		UUID first = this.fixtures.scene(video, this.owner);
		UUID second = this.fixtures.scene(video, this.owner);
		UUID person = this.fixtures.person(this.owner);
		UUID photo1 = this.fixtures.photo(person, this.owner);
		UUID photo2 = this.fixtures.photo(person, this.owner);
		UUID missing = this.fixtures.missingPhoto(person, this.owner);
		UUID lonely = this.fixtures.person(this.owner);

		// when
		JobExecution execution = run("scope=all");

		// then: scenes embedded in text and CLIP, at the spec, and so is the video
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String fingerprint = this.specs.current().fingerprint();
		for (UUID scene : List.of(first, second)) {
			Map<String, Object> row = this.jdbc.queryForMap("""
					SELECT embedding_transcript IS NOT NULL AS transcript, embedding_visual IS NOT NULL AS visual,
					  embedding_visual_clip IS NOT NULL AS clip, embedding_spec_version, embedding_spec_fingerprint,
					  visual_clip_metadata ->> 'method_fingerprint' AS clip_method
					FROM video_scenes WHERE id = ?""", scene);
			assertThat(row).containsEntry("transcript", true).containsEntry("visual", true).containsEntry("clip", true)
				.containsEntry("embedding_spec_version", "2026-12-01").containsEntry("embedding_spec_fingerprint", fingerprint);
		}
		assertThat(this.jdbc.queryForObject("SELECT embedding_spec_fingerprint FROM videos WHERE id = ?", String.class,
				video)).isEqualTo(fingerprint);
		// photos READY, or FAILED with the scenes' code
		assertThat(photoStatus(photo1)).isEqualTo("READY|");
		assertThat(photoStatus(photo2)).isEqualTo("READY|");
		assertThat(photoStatus(missing)).isEqualTo("FAILED|thumbnail_not_found");
		// the query is pgvector's normalised mean of the normalised READY photo vectors; none without photos
		assertThat(queryDistanceToSqlMean(person)).isLessThan(1e-6);
		assertThat(this.jdbc.queryForObject("SELECT query_embedding IS NULL FROM persons WHERE id = ?", Boolean.class,
				lonely)).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM persons WHERE embedding_spec_fingerprint = ?",
				Long.class, fingerprint)).isEqualTo(2);

		// when: the same command again
		int requests = embeddings.requests().size();
		Map<String, String> before = this.fixtures.everything();
		JobExecution second2 = run("scope=all");

		// then: it reads nothing but the failed photo (retried), changes nothing else, sends nothing
		assertThat(second2.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(readCounts(second2)).containsEntry("sceneText", 0L).containsEntry("sceneClip", 0L)
			.containsEntry("personPhotos", 1L).containsEntry("personQuery", 0L).containsEntry("markCurrent", 0L);
		assertThat(embeddings.requests()).hasSize(requests);
		Map<String, String> after = this.fixtures.everything();
		after.remove("person_reference_photos:" + missing);
		before.remove("person_reference_photos:" + missing);
		assertThat(after).isEqualTo(before);
	}

	@Test
	void anEmbeddingModelChangeReEmbedsOnlyText() throws Exception {
		// given: everything at the spec, then text rows recorded as made by another model
		UUID video = this.fixtures.video(this.owner, "READY");
		this.fixtures.scene(video, this.owner);
		this.fixtures.scene(video, this.owner);
		UUID person = this.fixtures.person(this.owner);
		this.fixtures.photo(person, this.owner);
		run("scope=all");
		this.jdbc.update("""
				UPDATE video_scenes SET text_embedding_metadata = (SELECT jsonb_object_agg(key,
				  jsonb_set(value, '{model}', '"previous-model"')) FROM jsonb_each(text_embedding_metadata))""");
		// the cache holds vectors per model: the previous model's are not the current one's
		this.jdbc.update("TRUNCATE text_embedding_cache");
		Map<String, String> clip = this.fixtures.scenesText(CLIP_COLUMNS);
		Map<String, String> photos = this.fixtures.photosText();
		Map<String, String> persons = this.fixtures.personsText();
		int requests = embeddings.requests().size();

		// when
		JobExecution execution = run("scope=all");

		// then: every text channel is embedded again by the current model; nothing else is touched
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(embeddings.requests().size()).isGreaterThan(requests);
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM video_scenes, jsonb_each(text_embedding_metadata) AS c(channel, entry)
				WHERE c.entry ->> 'model' = 'previous-model'""", Long.class)).isZero();
		assertThat(readCounts(execution)).containsEntry("sceneText", 2L).containsEntry("sceneClip", 0L)
			.containsEntry("personPhotos", 0L);
		assertThat(this.fixtures.scenesText(CLIP_COLUMNS)).isEqualTo(clip);
		assertThat(this.fixtures.photosText()).isEqualTo(photos);
		assertThat(this.fixtures.personsText()).isEqualTo(persons);
	}

	@Test
	void aClipModelChangeReEmbedsOnlyClipVectorsAndPhotos() throws Exception {
		// given: everything at the spec, then CLIP vectors and photos recorded as made by another model
		UUID video = this.fixtures.video(this.owner, "READY");
		this.fixtures.scene(video, this.owner);
		this.fixtures.scene(video, this.owner);
		UUID person = this.fixtures.person(this.owner);
		this.fixtures.photo(person, this.owner);
		run("scope=all");
		this.jdbc.update("UPDATE video_scenes SET visual_clip_metadata = visual_clip_metadata"
				+ " || '{\"method_fingerprint\": \"previous-model\"}'");
		this.jdbc.update("UPDATE person_reference_photos SET embedding_metadata = embedding_metadata"
				+ " || '{\"method_fingerprint\": \"previous-model\"}'");
		Map<String, String> text = this.fixtures.scenesText(TEXT_COLUMNS);
		int requests = embeddings.requests().size();

		// when
		JobExecution execution = run("scope=all");

		// then: CLIP vectors and photos are made again; the texts are not touched, nothing is sent
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(readCounts(execution)).containsEntry("sceneText", 0L).containsEntry("sceneClip", 2L)
			.containsEntry("personPhotos", 1L);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE visual_clip_metadata"
				+ " ->> 'method_fingerprint' = 'previous-model'", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM person_reference_photos WHERE embedding_metadata"
				+ " ->> 'method_fingerprint' = 'previous-model'", Long.class)).isZero();
		assertThat(this.fixtures.scenesText(TEXT_COLUMNS)).isEqualTo(text);
		assertThat(embeddings.requests()).hasSize(requests);
	}

	@Test
	void processingVideosAndVideosOutOfScopeAreNeverTouched() throws Exception {
		// given: the owner's ready and processing videos, another owner's video and person
		UUID ready = this.fixtures.video(this.owner, "READY");
		UUID readyScene = this.fixtures.scene(ready, this.owner);
		UUID processing = this.fixtures.video(this.owner, "PROCESSING");
		this.fixtures.scene(processing, this.owner);
		UUID other = this.fixtures.video(this.otherOwner, "READY");
		this.fixtures.scene(other, this.otherOwner);
		UUID otherPerson = this.fixtures.person(this.otherOwner);
		this.fixtures.photo(otherPerson, this.otherOwner);
		Map<String, String> before = this.fixtures.everything();

		// when
		JobExecution execution = run("scope=owner", "ownerId=" + this.owner);

		// then: only the owner's ready video changed
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, String> after = this.fixtures.everything();
		assertThat(after.get("video_scenes:" + readyScene)).isNotEqualTo(before.get("video_scenes:" + readyScene));
		after.keySet().removeIf((key) -> key.endsWith(ready.toString()) || key.endsWith(readyScene.toString()));
		before.keySet().removeIf((key) -> key.endsWith(ready.toString()) || key.endsWith(readyScene.toString()));
		assertThat(after).isEqualTo(before);
		assertThat(new ReprocessReport(this.specs, this.jobRepository).metrics(execution)).containsEntry("videos_skipped", 1L)
			.containsEntry("videos_processed", 1L);

		// when: scope video of the other owner's video
		run("scope=video", "videoId=" + other);

		// then: that video is current, the processing video still untouched
		assertThat(this.jdbc.queryForObject("SELECT embedding_spec_version FROM videos WHERE id = ?", String.class, other))
			.isEqualTo("2026-12-01");
		assertThat(this.fixtures.everything().get("videos:" + processing)).isEqualTo(before.get("videos:" + processing));
	}

	@Test
	void sinceNarrowsToVideosUpdatedAtOrAfter() throws Exception {
		// given: an old video and a recent one
		UUID old = this.fixtures.video(this.owner, "READY");
		UUID oldScene = this.fixtures.scene(old, this.owner);
		this.jdbc.update("UPDATE videos SET updated_at = '2025-01-01T00:00:00Z' WHERE id = ?", old);
		UUID recent = this.fixtures.video(this.owner, "READY");
		this.fixtures.scene(recent, this.owner);

		// when
		run("scope=all", "since=2026-01-01", "steps=sceneText");

		// then
		assertThat(this.jdbc.queryForObject("SELECT embedding_transcript IS NULL FROM video_scenes WHERE id = ?",
				Boolean.class, oldScene)).isTrue();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_transcript IS NOT NULL",
				Long.class)).isEqualTo(1);
	}

	@Test
	void aReEmbeddingWhoseThumbnailAnswers503KeepsTheOldVectorAndTheVideoStaysStale() throws Exception {
		// given: a scene at the spec, then a CLIP model change, and its thumbnail now answering 503
		UUID video = this.fixtures.video(this.owner, "READY");
		UUID scene = this.fixtures.scene(video, this.owner);
		run("scope=all");
		String vector = this.jdbc.queryForObject("SELECT embedding_visual_clip::text FROM video_scenes WHERE id = ?",
				String.class, scene);
		previousClipModel();
		String url = this.jdbc.queryForObject("SELECT thumbnail_url FROM video_scenes WHERE id = ?", String.class, scene);
		server.status(url.substring(url.indexOf("/scene-")), 503);

		// when
		JobExecution execution = run("scope=all");

		// then: the vector is the one it had, the failure is beside it, the video is not at the spec
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Map<String, Object> row = this.jdbc.queryForMap("""
				SELECT embedding_visual_clip::text AS vector, visual_clip_metadata ->> 'error' AS error
				FROM video_scenes WHERE id = ?""", scene);
		assertThat(row).containsEntry("vector", vector).containsEntry("error", "thumbnail_http_error");
		assertThat(this.jdbc.queryForObject("SELECT embedding_spec_fingerprint FROM videos WHERE id = ?", String.class,
				video)).isEqualTo("previous-spec");
		assertThat(new ReprocessReport(this.specs, this.jobRepository).metrics(execution)).containsEntry("videos_failed", 1L)
			.containsEntry("error_count", 1L);

		// when: the thumbnail answers again
		server.serve(url.substring(url.indexOf("/scene-")), ReprocessFixtures.image(99), "image/jpeg");
		run("scope=all");

		// then
		assertThat(this.jdbc.queryForObject("SELECT embedding_spec_fingerprint FROM videos WHERE id = ?", String.class,
				video)).isEqualTo(this.specs.current().fingerprint());
	}

	@Test
	void aPhotoAddedOrFailedChangesTheQueryOnTheNextRun() throws Exception {
		// given: a person with one photo, at the spec
		UUID video = this.fixtures.video(this.owner, "READY");
		this.fixtures.scene(video, this.owner);
		UUID person = this.fixtures.person(this.owner);
		UUID first = this.fixtures.photo(person, this.owner);
		run("scope=owner", "ownerId=" + this.owner);
		String single = query(person);

		// when: a photo is added
		this.fixtures.photo(person, this.owner);
		run("scope=owner", "ownerId=" + this.owner);

		// then: the query is the mean of both
		assertThat(query(person)).isNotEqualTo(single);
		assertThat(queryDistanceToSqlMean(person)).isLessThan(1e-6);

		// when: the first photo is marked FAILED by the product and no longer answers
		this.jdbc.update("UPDATE person_reference_photos SET status = 'FAILED', photo_url = photo_url || '.gone'"
				+ " WHERE id = ?", first);
		run("scope=owner", "ownerId=" + this.owner);

		// then: the query is the second photo's alone
		assertThat(photoStatus(first)).isEqualTo("FAILED|thumbnail_not_found");
		assertThat(queryDistanceToSqlMean(person)).isLessThan(1e-6);
		assertThat(query(person)).isNotEqualTo(single);
	}

	@Test
	void maxVideosTakesTheFirstStaleVideosAndADryRunWritesNothing() throws Exception {
		// given: three videos
		UUID first = this.fixtures.video(this.owner, "READY");
		this.fixtures.scene(first, this.owner);
		UUID second = this.fixtures.video(this.owner, "READY");
		this.fixtures.scene(second, this.owner);
		UUID third = this.fixtures.video(this.owner, "READY");
		this.fixtures.scene(third, this.owner);
		Map<String, String> before = this.fixtures.everything();

		// when: a dry run
		JobExecution dryRun = run("scope=all", "dryRun=true");

		// then: it counts, and writes nothing
		assertThat(dryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(readCounts(dryRun)).containsEntry("sceneText", 3L).containsEntry("sceneClip", 3L);
		assertThat(this.fixtures.everything()).isEqualTo(before);

		// when: two videos at most
		run("scope=all", "maxVideos=2");

		// then
		assertThat(this.jdbc.queryForList("SELECT id FROM videos WHERE embedding_spec_version IS NOT NULL ORDER BY id",
				UUID.class)).containsExactly(first, second);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_transcript IS NOT NULL",
				Long.class)).isEqualTo(2);
	}

	@Test
	void forceRedoesWhatIsCurrent() throws Exception {
		// given
		UUID video = this.fixtures.video(this.owner, "READY");
		this.fixtures.scene(video, this.owner);
		run("scope=all");

		// when
		JobExecution execution = run("scope=all", "force=true", "steps=sceneClip");

		// then
		assertThat(readCounts(execution)).containsEntry("sceneClip", 1L).containsEntry("sceneText", 0L);
	}

	@Test
	void refusedCredentialsFailTheRunWritingNothingOfTheChunkAndTheSameCommandResumesIt() throws Exception {
		// given: scenes, and an endpoint that refuses the key
		UUID video = this.fixtures.video(this.owner, "READY");
		this.fixtures.scene(video, this.owner);
		this.fixtures.scene(video, this.owner);
		embeddings.requireApiKey("sk-another-key");
		JobParameters parameters = parameters("scope=all");

		// when
		JobExecution failed = this.launcher.launch("reprocess", parameters);

		// then: FAILED in the text step, nothing of its chunk written, no scene or video marked
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE text_embedding_metadata IS NOT NULL"
				+ " OR embedding_transcript IS NOT NULL OR embedding_spec_version IS NOT NULL", Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM videos WHERE embedding_spec_version IS NOT NULL",
				Long.class)).isZero();

		// when: the key is right again, the same command
		embeddings.requireApiKey("sk-test");
		JobExecution resumed = this.launcher.launch("reprocess", parameters);

		// then: the same job instance completes, everything current
		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_spec_version IS NOT NULL"
				+ " AND embedding_transcript IS NOT NULL", Long.class)).isEqualTo(2);
	}

	@Test
	void partitionsTakeDisjointVideosThatTogetherCoverEveryOne() throws Exception {
		// given
		for (int i = 0; i < 6; i++) {
			UUID video = this.fixtures.video(this.owner, "READY");
			this.fixtures.scene(video, this.owner);
			this.fixtures.scene(video, this.owner);
		}

		// when
		JobExecution first = run("scope=all", "partitions=2", "partition=0", "steps=sceneText");
		JobExecution second = run("scope=all", "partitions=2", "partition=1", "steps=sceneText");

		// then: each scene read by one partition, all of a video's scenes in the same one
		assertThat(readCounts(first).get("sceneText") + readCounts(second).get("sceneText")).isEqualTo(12);
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE embedding_transcript IS NULL",
				Long.class)).isZero();
		assertThat(this.jdbc.queryForObject("""
				SELECT count(*) FROM (SELECT video_id FROM video_scenes GROUP BY video_id
				  HAVING count(DISTINCT text_embedding_metadata -> 'transcript' ->> 'job_execution_id') > 1) AS split""",
				Long.class)).isZero();
	}

	@Test
	void aMissingOrContradictoryOptionIsRefusedNamingIt() {
		assertThatThrownBy(() -> run()).isInstanceOf(InvalidJobArgumentsException.class).hasMessageContaining("scope");
		assertThatThrownBy(() -> run("scope=video")).hasMessageContaining("videoId");
		assertThatThrownBy(() -> run("scope=owner")).hasMessageContaining("ownerId");
		assertThatThrownBy(() -> run("scope=all", "ownerId=" + this.owner)).hasMessageContaining("ownerId");
		assertThatThrownBy(() -> run("scope=video,owner")).hasMessageContaining("scope");
		assertThatThrownBy(() -> run("scope=all", "steps=sceneFoo")).hasMessageContaining("steps");
		// no detector configured: the step is off and nothing pretends to run it
		assertThatThrownBy(() -> run("scope=all", "steps=scenePersons"))
			.hasMessageContaining("scenePersons, which is switched off (no PERSON_DETECTOR_MODEL_PATH");
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM batch_job_instance WHERE job_name = 'reprocess'"
				+ " AND false", Long.class)).isZero();
	}

	private void previousClipModel() {
		this.jdbc.update("UPDATE video_scenes SET visual_clip_metadata = visual_clip_metadata"
				+ " || '{\"method_fingerprint\": \"previous-model\"}', embedding_spec_fingerprint = 'previous-spec'");
		this.jdbc.update("UPDATE videos SET embedding_spec_fingerprint = 'previous-spec'");
	}

	private String photoStatus(UUID photo) {
		return this.jdbc.queryForObject("SELECT status || '|' || coalesce(embedding_metadata ->> 'error', '')"
				+ " FROM person_reference_photos WHERE id = ?", String.class, photo);
	}

	private String query(UUID person) {
		return this.jdbc.queryForObject("SELECT query_embedding::text FROM persons WHERE id = ?", String.class, person);
	}

	/** Cosine distance of the stored query to pgvector's l2_normalize(avg(l2_normalize(...))) of READY photos. */
	private double queryDistanceToSqlMean(UUID person) {
		return this.jdbc.queryForObject("""
				SELECT p.query_embedding <=> (SELECT l2_normalize(avg(l2_normalize(r.embedding)))
				  FROM person_reference_photos r WHERE r.person_id = p.id AND r.status = 'READY')
				FROM persons p WHERE p.id = ?""", Double.class, person);
	}

	private static Map<String, Long> readCounts(JobExecution execution) {
		Map<String, Long> counts = new java.util.TreeMap<>();
		for (StepExecution step : execution.getStepExecutions()) {
			counts.put(step.getStepName(), step.getReadCount());
		}
		return counts;
	}

	private JobExecution run(String... words) throws Exception {
		return this.launcher.launch("reprocess", parameters(words));
	}

	private JobParameters parameters(String... words) {
		return new JobParametersBuilder(this.descriptor.toJobParameters(List.of(words)))
			.addLong(JobDescriptor.RUN_ID, System.nanoTime())
			.toJobParameters();
	}

}
