package com.heimdex.embeddings.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.batch.RunSummary;
import com.heimdex.embeddings.hash.Sha256;
import com.heimdex.embeddings.support.DatabaseTest;
import com.heimdex.embeddings.text.FakeEmbeddingServer.RecordedRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.heimdex.embeddings.text.TextBackfillTestSupport.count;
import static com.heimdex.embeddings.text.TextBackfillTestSupport.entry;
import static com.heimdex.embeddings.text.TextBackfillTestSupport.scene;
import static com.heimdex.embeddings.text.TextBackfillTestSupport.shortScenes;
import static com.heimdex.embeddings.text.TextBackfillTestSupport.vector;
import static com.heimdex.embeddings.text.TextBackfillTestSupport.video;
import static org.assertj.core.api.Assertions.assertThat;

/** textBackfill end to end: real PostgreSQL, an in-process OpenAI-compatible server. */
class TextBackfillJobFunctionalTests extends DatabaseTest {

	private static final String API_KEY = "sk-test-key";

	private static final FakeEmbeddingServer server = startServer();

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	private RunSummary runSummary;

	@Autowired
	private JobOperator jobOperator;

	@Autowired
	private JobRepository jobRepository;

	@Autowired
	@Qualifier("textBackfill")
	private Job textBackfill;

	@Autowired
	@Qualifier("textBackfillDescriptor")
	private JobDescriptor descriptor;

	private final UUID owner = UUID.randomUUID();

	private UUID video;

	private int requestsBefore;

	@DynamicPropertySource
	static void endpoint(DynamicPropertyRegistry registry) {
		registry.add("openai.base-url", server::baseUrl);
		registry.add("openai.api-key", () -> API_KEY);
		registry.add("embedding.initial-backoff", () -> "10ms");
		registry.add("embedding.max-backoff", () -> "100ms");
		registry.add("embedding.requests-per-minute", () -> "100000");
		registry.add("embedding.tokens-per-minute", () -> "100000000");
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@BeforeEach
	void cleanScenes() {
		this.jdbc.update("TRUNCATE videos CASCADE");
		this.jdbc.update("TRUNCATE text_embedding_cache");
		server.requireApiKey(API_KEY).rejectInputsContaining(null);
		this.video = video(this.jdbc, this.owner);
	}

	@Test
	void aThousandScenesOfShortTextsTakeAtMostOneRequestPerHundredScenes() throws Exception {
		shortScenes(this.jdbc, this.video, this.owner, 1000);

		JobExecution execution = run();

		TextBackfillSummary summary = TextBackfillSummary.of(execution);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sent()).hasSizeLessThanOrEqualTo(10);
		assertThat(summary.requestsPer100Scenes()).isLessThanOrEqualTo(1.0);
		assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL AND embedding_visual IS NOT NULL")).isEqualTo(1000);
		assertThat(count(this.jdbc, "embedding_summary IS NOT NULL")).isZero();
		assertThat(summary.processed()).isEqualTo(1000);
		assertThat(summary.failed()).isZero();
		assertThat(summary.requestsSent()).isEqualTo(sent().size());
		assertThat(summary.tokensUsed()).isEqualTo(sent().stream().mapToLong(RecordedRequest::tokens).sum());
		// 1000 transcripts and 1000 descriptions, but only 7 distinct tags: descriptions are distinct too.
		assertThat(sent().stream().mapToInt((request) -> request.inputs().size()).sum()).isEqualTo(2000);
	}

	@Test
	void startedThroughTheJobOperatorTheJobEmbedsEachPendingChannelAndRecordsTheRejectedText() throws Exception {
		UUID complete = scene(this.jdbc, this.video, this.owner, 0, "Hello there.", "A red car", List.of(), null);
		UUID transcriptOnly = scene(this.jdbc, this.video, this.owner, 1, "Good night.", null, null, null);
		UUID rejected = scene(this.jdbc, this.video, this.owner, 2, "REJECT this transcript", null, null, null);
		server.rejectInputsContaining("REJECT");
		JobOperatorTestUtils jobs = new JobOperatorTestUtils(this.jobOperator, this.jobRepository);
		jobs.setJob(this.textBackfill);

		JobExecution execution = jobs.startJob(new JobParametersBuilder(this.descriptor.toJobParameters(
				List.of("batchSize=2"))).addLong(JobDescriptor.RUN_ID, System.nanoTime()).toJobParameters());

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution step = execution.getStepExecutions().iterator().next();
		assertThat(step.getReadCount()).isEqualTo(3);
		assertThat(step.getWriteCount()).isEqualTo(3);
		assertThat(step.getSkipCount()).isZero();
		assertThat(vector(this.jdbc, complete, "embedding_transcript")).isEqualTo(vectorFor("Hello there."));
		assertThat(vector(this.jdbc, complete, "embedding_visual")).isEqualTo(vectorFor("A red car"));
		assertThat(vector(this.jdbc, transcriptOnly, "embedding_transcript")).isEqualTo(vectorFor("Good night."));
		assertThat(vector(this.jdbc, rejected, "embedding_transcript")).isNull();
		assertThat(entry(this.jdbc, rejected, "transcript").get("error")).isNotNull();
		assertThat(TextBackfillSummary.of(execution).failed()).isEqualTo(1);
	}

	@Test
	void eachChannelGetsTheVectorOfItsOwnTextAndCompleteMetadata() throws Exception {
		UUID scene = scene(this.jdbc, this.video, this.owner, 0, "  Hello there.\n", "A red car on a bridge",
				List.of("car", "", "bridge"), "Short summary");
		UUID tagsOnly = scene(this.jdbc, this.video, this.owner, 1, null, "  ", List.of("night"), null);

		JobExecution execution = run();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String visualText = "A red car on a bridge\n\nTags: car, bridge";
		assertThat(vector(this.jdbc, scene, "embedding_transcript")).isEqualTo(vectorFor("Hello there."));
		assertThat(vector(this.jdbc, scene, "embedding_visual")).isEqualTo(vectorFor(visualText));
		assertThat(vector(this.jdbc, scene, "embedding_summary")).as("summary is off by default").isNull();
		assertThat(vector(this.jdbc, tagsOnly, "embedding_visual")).isEqualTo(vectorFor("Tags: night"));
		assertThat(vector(this.jdbc, tagsOnly, "embedding_transcript")).isNull();
		Map<String, Object> visual = entry(this.jdbc, scene, "visual");
		assertThat(visual).containsEntry("model", "text-embedding-3-small")
			.containsEntry("dimensions", 1536)
			.containsEntry("content_sha256", Sha256.ofText(visualText))
			.containsEntry("truncated", false)
			.containsEntry("cached", false)
			.containsEntry("error", null)
			.containsEntry("execution", execution.getId());
		assertThat((Integer) visual.get("tokens")).isPositive();
		assertThat((String) visual.get("created_at")).endsWith("Z");
		assertThat(entry(this.jdbc, tagsOnly, "transcript").get("present")).as("empty text is not recorded")
			.isEqualTo(false);
		assertThat(sent().stream().flatMap((request) -> request.inputs().stream()))
			.containsExactlyInAnyOrder("Hello there.", visualText, "Tags: night");
	}

	@Test
	void identicalTextsAreEmbeddedOnceAcrossScenesAndRuns() throws Exception {
		for (int i = 0; i < 6; i++) {
			scene(this.jdbc, this.video, this.owner, i, "Same words " + (i % 2), null, null, null);
		}

		run("batchSize=2");

		assertThat(sent().stream().flatMap((request) -> request.inputs().stream()))
			.containsExactlyInAnyOrder("Same words 0", "Same words 1");
		assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL")).isEqualTo(6);

		// A new video with the same texts, a later run: everything from the cache.
		UUID other = video(this.jdbc, this.owner);
		UUID later = scene(this.jdbc, other, this.owner, 10, "Same words 1", null, null, null);
		mark();

		JobExecution second = run("videoId=" + other);

		assertThat(sent()).isEmpty();
		assertThat(vector(this.jdbc, later, "embedding_transcript")).isEqualTo(vectorFor("Same words 1"));
		assertThat(entry(this.jdbc, later, "transcript")).containsEntry("cached", true).containsEntry("error", null);
		assertThat(TextBackfillSummary.of(second).cacheHits()).isEqualTo(1);
	}

	@Test
	void expiredCacheEntriesAreIgnoredAndReplaced() throws Exception {
		UUID scene = scene(this.jdbc, this.video, this.owner, 0, "Old words", null, null, null);
		run();
		this.jdbc.update("UPDATE text_embedding_cache SET created_at = now() - interval '31 days'");
		this.jdbc.update("UPDATE video_scenes SET embedding_transcript = NULL");
		mark();

		run();

		assertThat(sent()).hasSize(1);
		assertThat(entry(this.jdbc, scene, "transcript")).containsEntry("cached", false);
		assertThat(this.jdbc.queryForObject("SELECT created_at > now() - interval '1 hour' FROM text_embedding_cache",
				Boolean.class)).isTrue();
	}

	@Test
	void changedTextIsReembeddedAndUnchangedTextSkipped() throws Exception {
		UUID changed = scene(this.jdbc, this.video, this.owner, 0, "First words", "A cat", null, null);
		UUID unchanged = scene(this.jdbc, this.video, this.owner, 1, "Other words", "A dog", null, null);
		JobExecution first = run();
		this.jdbc.update("UPDATE video_scenes SET transcript = 'Second words' WHERE id = ?", changed);
		mark();

		JobExecution second = run();

		assertThat(second.getStepExecutions().iterator().next().getReadCount()).isEqualTo(1);
		assertThat(sent().stream().flatMap((request) -> request.inputs().stream())).containsExactly("Second words");
		assertThat(vector(this.jdbc, changed, "embedding_transcript")).isEqualTo(vectorFor("Second words"));
		assertThat(entry(this.jdbc, changed, "transcript")).containsEntry("execution", second.getId());
		assertThat(entry(this.jdbc, changed, "visual")).as("the other channel's entry is kept")
			.containsEntry("execution", first.getId());
		assertThat(entry(this.jdbc, unchanged, "transcript")).containsEntry("execution", first.getId());
		mark();

		JobExecution third = run();

		assertThat(third.getStepExecutions().iterator().next().getReadCount()).isZero();
		assertThat(sent()).isEmpty();
	}

	@Test
	void aDifferentModelOrDimensionCountMakesEmbeddingsPendingAgain() throws Exception {
		UUID scene = scene(this.jdbc, this.video, this.owner, 0, "Words", "A view", null, null);
		run();
		this.jdbc.update("""
				UPDATE video_scenes SET text_embedding_metadata =
				  jsonb_set(text_embedding_metadata, '{transcript,model}', '"text-embedding-ada-002"')""");
		mark();

		JobExecution reembedded = run();

		// The current model's vector of the same text is in the cache: nothing is sent.
		assertThat(reembedded.getStepExecutions().iterator().next().getReadCount()).isEqualTo(1);
		assertThat(sent()).isEmpty();
		assertThat(entry(this.jdbc, scene, "transcript")).containsEntry("model", "text-embedding-3-small")
			.containsEntry("execution", reembedded.getId())
			.containsEntry("cached", true);
		this.jdbc.update("""
				UPDATE video_scenes SET text_embedding_metadata =
				  jsonb_set(text_embedding_metadata, '{visual,dimensions}', '512')""");

		assertThat(run().getStepExecutions().iterator().next().getReadCount()).isEqualTo(1);
		assertThat(entry(this.jdbc, scene, "visual")).containsEntry("dimensions", 1536);
	}

	@Test
	void aTextTheServerRejectsIsRecordedWithItsCodeAndTheRunGoesOn() throws Exception {
		server.rejectInputsContaining("FORBIDDEN");
		UUID bad = scene(this.jdbc, this.video, this.owner, 0, "FORBIDDEN words", "A fine view", null, null);
		UUID good = scene(this.jdbc, this.video, this.owner, 1, "Good words", null, null, null);

		JobExecution execution = run();

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(vector(this.jdbc, bad, "embedding_transcript")).isNull();
		assertThat(entry(this.jdbc, bad, "transcript")).containsEntry("error", "invalid_input")
			.containsEntry("content_sha256", Sha256.ofText("FORBIDDEN words"));
		assertThat((String) entry(this.jdbc, bad, "transcript").get("error_detail")).contains("rejected");
		assertThat(vector(this.jdbc, bad, "embedding_visual")).isEqualTo(vectorFor("A fine view"));
		assertThat(vector(this.jdbc, good, "embedding_transcript")).isEqualTo(vectorFor("Good words"));
		TextBackfillSummary summary = TextBackfillSummary.of(execution);
		assertThat(summary.failed()).isEqualTo(1);
		assertThat(summary.processed()).isEqualTo(1);
		assertThat(summary.errorsByCode()).containsExactly(Map.entry("invalid_input", 1L));

		// The failed channel stays pending: a default run takes it once its back-off has passed,
		// retryFailed at once.
		server.rejectInputsContaining(null);
		run();
		assertThat(vector(this.jdbc, bad, "embedding_transcript")).isNull();
		run("retryFailed=true");

		assertThat(vector(this.jdbc, bad, "embedding_transcript")).isEqualTo(vectorFor("FORBIDDEN words"));
		assertThat(entry(this.jdbc, bad, "transcript")).containsEntry("error", null);
	}

	@Test
	void refusedCredentialsFailTheExecutionAtOnceAndRecordNothing() throws Exception {
		for (int i = 0; i < 4; i++) {
			scene(this.jdbc, this.video, this.owner, i, "Words " + i, null, null, null);
		}
		server.requireApiKey("sk-another-key");

		JobExecution failed = run("batchSize=2");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("refused the credentials")
			.doesNotContain(API_KEY);
		assertThat(sent()).hasSize(1);
		assertThat(count(this.jdbc, "text_embedding_metadata IS NOT NULL OR embedding_transcript IS NOT NULL"))
			.isZero();
		assertThat(this.jdbc.queryForObject("SELECT count(*) FROM text_embedding_cache", Long.class)).isZero();

		server.requireApiKey(API_KEY);
		JobExecution resumed = run("batchSize=2");

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
		assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL")).isEqualTo(4);
	}

	@Test
	void failedScenesAreTakenAfterFreshOnesAndOnlyOnceTheirBackOffHasPassed() throws Exception {
		server.rejectInputsContaining("<<bad>>");
		List<UUID> rejected = List.of(scene(this.jdbc, this.video, this.owner, 0, "Rejected <<bad>> 0", null, null, null),
				scene(this.jdbc, this.video, this.owner, 1, "Rejected <<bad>> 1", null, null, null));
		List<UUID> good = List.of(scene(this.jdbc, this.video, this.owner, 2, "Fine 2", null, null, null),
				scene(this.jdbc, this.video, this.owner, 3, "Fine 3", null, null, null));

		run("maxScenes=2");
		assertThat(rejected).allSatisfy((scene) -> assertThat(textAttempts(scene)).isEqualTo("1 attempted"));

		// when: the same command runs again, the failed scenes wait for their back-off
		run("maxScenes=2");

		assertThat(good).allSatisfy((scene) -> assertThat(textAttempts(scene)).isEqualTo("0 attempted"));
		assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL")).isEqualTo(2);

		// when: their back-off has passed
		this.jdbc.update("UPDATE video_scenes SET text_embedding_attempted_at = now() - interval '61 minutes'"
				+ " WHERE id = ANY(?)", (Object) rejected.toArray(UUID[]::new));
		mark();
		run("maxScenes=2");

		assertThat(rejected).allSatisfy((scene) -> assertThat(textAttempts(scene)).isEqualTo("2 attempted"));
		assertThat(sent().stream().flatMap((request) -> request.inputs().stream())).allMatch((text) -> text.contains("<<bad>>"));
	}

	private String textAttempts(UUID scene) {
		return this.jdbc.queryForObject("""
				SELECT text_embedding_failures || CASE WHEN text_embedding_attempted_at IS NULL THEN ' never' ELSE ' attempted' END
				FROM video_scenes WHERE id = ?""", String.class, scene);
	}

	@Test
	void aResumeWithAnotherBatchSizeProcessesEverySceneExactlyOnce() throws Exception {
		List<UUID> scenes = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			scenes.add(scene(this.jdbc, this.video, this.owner, i, "Resumed transcript " + i, null, null, null));
		}
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION fail_scene_update() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'injected database failure'; END $$""");
		this.jdbc.execute("CREATE TRIGGER fail_scene BEFORE UPDATE ON video_scenes FOR EACH ROW WHEN (NEW.id = '"
				+ scenes.get(10) + "') EXECUTE FUNCTION fail_scene_update()");
		try {
			JobExecution failed = run("batchSize=5");
			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL")).isEqualTo(10);
			this.jdbc.execute("DROP TRIGGER fail_scene ON video_scenes");

			JobExecution resumed = run("batchSize=7");

			assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
			assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL")).isEqualTo(20);
			for (UUID scene : scenes.subList(10, 20)) {
				assertThat(entry(this.jdbc, scene, "transcript")).containsEntry("execution", resumed.getId());
			}
		}
		finally {
			this.jdbc.execute("DROP TRIGGER IF EXISTS fail_scene ON video_scenes");
		}
	}

	@Test
	void aDatabaseFailureFailsTheExecutionAndTheResumeSendsNoCommittedChunkAgain() throws Exception {
		List<UUID> scenes = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			scenes.add(scene(this.jdbc, this.video, this.owner, i, "Transcript " + i, null, null, null));
		}
		// A trigger stands in for a database failure while the third chunk is written.
		this.jdbc.execute("""
				CREATE OR REPLACE FUNCTION fail_scene_update() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN RAISE EXCEPTION 'injected database failure'; END $$""");
		this.jdbc.execute("CREATE TRIGGER fail_scene BEFORE UPDATE ON video_scenes FOR EACH ROW WHEN (NEW.id = '"
				+ scenes.get(7) + "') EXECUTE FUNCTION fail_scene_update()");
		try {
			JobExecution failed = run("batchSize=3");

			assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
			assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL")).isEqualTo(6);
			assertThat(count(this.jdbc, "text_embedding_metadata IS NOT NULL")).isEqualTo(6);
			this.jdbc.execute("DROP TRIGGER fail_scene ON video_scenes");
			mark();

			JobExecution resumed = run("batchSize=3");

			assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
			assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
			assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL")).isEqualTo(10);
			// The failed chunk's vectors were paid for and cached: only the last chunk is sent.
			assertThat(sent().stream().flatMap((request) -> request.inputs().stream())).containsExactly("Transcript 9");
			for (UUID scene : scenes.subList(0, 6)) {
				assertThat(entry(this.jdbc, scene, "transcript")).containsEntry("execution", failed.getId());
			}
			for (UUID scene : scenes.subList(6, 9)) {
				assertThat(entry(this.jdbc, scene, "transcript")).containsEntry("execution", resumed.getId())
					.containsEntry("cached", true);
			}
			TextBackfillSummary summary = TextBackfillSummary.of(resumed);
			assertThat(summary.processed()).as("counted over the whole instance").isEqualTo(10);
			JsonNode line = JsonMapper.builder().build().readTree(this.runSummary.log(resumed));
			assertThat(line.get("counters").get("text.processed").asLong()).as("this execution").isEqualTo(4);
			assertThat(line.get("counters").get("text.requests").asLong()).isEqualTo(1);
			assertThat(line.get("counters").get("text.cacheHits").asLong()).isEqualTo(3);
			assertThat(line.get("instance_counters").get("text.processed").asLong()).isEqualTo(10);
		}
		finally {
			this.jdbc.execute("DROP TRIGGER IF EXISTS fail_scene ON video_scenes");
		}
	}

	@Test
	void filtersChannelsAndMaxScenesNarrowTheRun() throws Exception {
		UUID otherOwner = UUID.randomUUID();
		UUID otherVideo = video(this.jdbc, otherOwner);
		List<UUID> mine = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			mine.add(scene(this.jdbc, this.video, this.owner, i, "Mine " + i, "View " + i, null, "Summary " + i));
		}
		UUID theirs = scene(this.jdbc, otherVideo, otherOwner, 50, "Theirs", null, null, "Their summary");
		this.jdbc.update("UPDATE video_scenes SET updated_at = '2025-01-01T00:00:00Z' WHERE id <> ?", mine.get(3));

		run("userId=" + this.owner, "maxScenes=2", "channels=summary");

		assertThat(count(this.jdbc, "embedding_summary IS NOT NULL")).isEqualTo(2);
		assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL OR embedding_visual IS NOT NULL")).isZero();

		run("since=2026-01-01", "channels=transcript");

		assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL")).isEqualTo(1);
		assertThat(vector(this.jdbc, mine.get(3), "embedding_transcript")).isNotNull();

		run("videoId=" + otherVideo, "channels=summary,transcript");

		assertThat(vector(this.jdbc, theirs, "embedding_summary")).isEqualTo(vectorFor("Their summary"));
		assertThat(vector(this.jdbc, theirs, "embedding_transcript")).isEqualTo(vectorFor("Theirs"));
		assertThat(vector(this.jdbc, mine.get(0), "embedding_transcript")).isNull();
	}

	@Test
	void forceReembedsEveryChannelWithText() throws Exception {
		UUID scene = scene(this.jdbc, this.video, this.owner, 0, "Words", null, null, null);
		run();
		mark();

		JobExecution forced = run("force=true");

		assertThat(forced.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(forced.getStepExecutions().iterator().next().getReadCount()).isEqualTo(1);
		assertThat(entry(this.jdbc, scene, "transcript")).containsEntry("execution", forced.getId())
			.containsEntry("cached", true);
	}

	@Test
	void aForcedReEmbeddingThatFailsKeepsTheWorkingVector() throws Exception {
		// given: an embedded scene, then a server that fails every attempt
		UUID scene = scene(this.jdbc, this.video, this.owner, 0, "Words kept", null, null, null);
		run();
		float[] before = vector(this.jdbc, scene, "embedding_transcript");
		this.jdbc.update("TRUNCATE text_embedding_cache");
		server.failWithServerError(100, 503);

		// when
		JobExecution forced;
		try {
			forced = run("force=true");
		}
		finally {
			server.failWithServerError(0, 503);
		}

		// then: the vector is the one it had, the failure recorded in its channel's metadata
		assertThat(forced.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(vector(this.jdbc, scene, "embedding_transcript")).isEqualTo(before);
		assertThat(entry(this.jdbc, scene, "transcript")).containsEntry("error", "server_error")
			.containsEntry("execution", forced.getId());
	}

	@Test
	void dryRunEstimatesTokensRequestsAndCostAndWritesNothing() throws Exception {
		shortScenes(this.jdbc, this.video, this.owner, 30);
		scene(this.jdbc, this.video, this.owner, 99, "Cached words", null, null, null);
		this.jdbc.update("""
				INSERT INTO text_embedding_cache (model, dimensions, content_sha256, embedding, token_count)
				VALUES ('text-embedding-3-small', 1536, ?, array_fill(0.5, ARRAY[1536])::vector, 2)""",
				Sha256.ofText("Cached words"));
		List<String> texts = this.jdbc.queryForList("""
				SELECT t FROM video_scenes, LATERAL (VALUES (transcript), (concat_ws(E'\\n\\n', visual_description,
				  'Tags: ' || array_to_string(tags, ', ')))) AS v(t)
				WHERE t IS NOT NULL AND t <> '' AND t <> 'Cached words'""", String.class);
		TextTokenizer tokenizer = new TextTokenizer(8191);

		JobExecution execution = run("dryRun=true");

		TextBackfillSummary summary = TextBackfillSummary.of(execution);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sent()).isEmpty();
		assertThat(count(this.jdbc, "text_embedding_metadata IS NOT NULL OR embedding_transcript IS NOT NULL"
				+ " OR embedding_visual IS NOT NULL")).isZero();
		assertThat(summary.skipped()).isEqualTo(31);
		assertThat(summary.cacheHits()).isEqualTo(1);
		assertThat(summary.byChannel()).containsEntry("transcript", 31L).containsEntry("visual", 30L);
		assertThat(summary.dryRunTexts()).isEqualTo(60);
		assertThat(summary.dryRunRequests()).isEqualTo(1);
		long tokens = texts.stream().mapToLong(tokenizer::countTokens).sum();
		assertThat(summary.dryRunTokens()).isEqualTo(tokens);
		assertThat(summary.dryRunCostUsd()).isEqualTo(tokens * 0.02 / 1_000_000);
	}

	private JobExecution run(String... parameters) throws Exception {
		return this.launcher.launch("textBackfill", this.descriptor.toJobParameters(List.of(parameters)));
	}

	/** Requests received since the test began or since {@link #mark()}. */
	private List<RecordedRequest> sent() {
		List<RecordedRequest> requests = server.requests();
		return requests.subList(this.requestsBefore, requests.size());
	}

	private void mark() {
		this.requestsBefore = server.requests().size();
	}

	@BeforeEach
	void markRequests() {
		mark();
	}

	private static float[] vectorFor(String text) {
		return FakeEmbeddingServer.vectorFor(text, 1536);
	}

	private static FakeEmbeddingServer startServer() {
		try {
			return new FakeEmbeddingServer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
