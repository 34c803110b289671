package com.heimdex.embeddings.lexical;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.support.DatabaseTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.dao.DataAccessException;

import static com.heimdex.embeddings.lexical.LexicalTestScenes.count;
import static com.heimdex.embeddings.lexical.LexicalTestScenes.scene;
import static com.heimdex.embeddings.lexical.LexicalTestScenes.search;
import static com.heimdex.embeddings.lexical.LexicalTestScenes.video;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** lexicalIndex on the PostgreSQL back end, end to end: documents, search, changes, deletions. */
class LexicalIndexPostgresFunctionalTests extends DatabaseTest {

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	@Qualifier("lexicalIndexDescriptor")
	private JobDescriptor descriptor;

	@Autowired
	private LexicalCoverageRepository coverage;

	private final UUID owner = UUID.randomUUID();

	private final UUID otherOwner = UUID.randomUUID();

	private UUID video;

	@BeforeEach
	void cleanScenes() {
		this.jdbc.update("TRUNCATE videos CASCADE");
		this.jdbc.update("TRUNCATE scene_search_documents, scene_lexical_index");
		this.jdbc.execute("DROP TRIGGER IF EXISTS refuse_third ON scene_search_documents");
		this.jdbc.execute("DROP FUNCTION IF EXISTS refuse_third()");
		this.video = video(this.jdbc, this.owner, "READY");
	}

	@Test
	void aQueryFindsTheRightScenesBestFirstTranscriptOverVisualOverSummary() throws Exception {
		UUID inSummary = scene(this.jdbc, this.video, this.owner, 0, "people talk", null, null,
				"an espresso machine on the counter");
		UUID inTranscript = scene(this.jdbc, this.video, this.owner, 1, "this espresso machine makes great coffee",
				null, null, null);
		UUID inTags = scene(this.jdbc, this.video, this.owner, 2, null, "a kitchen", List.of("espresso", "machine"),
				null);
		scene(this.jdbc, this.video, this.owner, 3, "a walk in the park", "trees", List.of("outdoor"), "a park");

		assertThat(run("scope=all").getStatus()).isEqualTo(BatchStatus.COMPLETED);

		assertThat(search(this.jdbc, "espresso machine", 10, this.owner)).containsExactly(inTranscript, inTags,
				inSummary);
		assertThat(search(this.jdbc, "espresso machine", 2, this.owner)).containsExactly(inTranscript, inTags);
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_search_documents")).isEqualTo(4);
	}

	@Test
	void websearchSyntaxPhrasesOrAndExclusion() throws Exception {
		UUID redCar = scene(this.jdbc, this.video, this.owner, 0, "a red car drives by", null, null, null);
		UUID carRed = scene(this.jdbc, this.video, this.owner, 1, "the car is red", null, null, null);
		UUID redBike = scene(this.jdbc, this.video, this.owner, 2, "a red bike", null, null, null);
		UUID dog = scene(this.jdbc, this.video, this.owner, 3, "a dog barks", null, null, null);
		run("scope=all");

		assertThat(search(this.jdbc, "\"red car\"", 10, this.owner)).containsExactly(redCar);
		assertThat(search(this.jdbc, "red -car", 10, this.owner)).containsExactly(redBike);
		assertThat(search(this.jdbc, "bike or dog", 10, this.owner)).containsExactlyInAnyOrder(redBike, dog);
		assertThat(search(this.jdbc, "red car", 10, this.owner)).containsExactlyInAnyOrder(redCar, carRed);
		assertThat(search(this.jdbc, "", 10, this.owner)).isEmpty();
	}

	@Test
	void searchesOnlyTheOwnersScenesAndRequiresAnOwner() throws Exception {
		UUID mine = scene(this.jdbc, this.video, this.owner, 0, "secret launch plan", null, null, null);
		UUID otherVideo = video(this.jdbc, this.otherOwner, "READY");
		UUID theirs = scene(this.jdbc, otherVideo, this.otherOwner, 0, "secret launch plan", null, null, null);
		run("scope=all");

		assertThat(search(this.jdbc, "secret plan", 10, this.owner)).containsExactly(mine);
		assertThat(search(this.jdbc, "secret plan", 10, this.otherOwner)).containsExactly(theirs);
		assertThatThrownBy(() -> search(this.jdbc, "secret plan", 10, null))
			.isInstanceOf(DataAccessException.class)
			.hasMessageContaining("filter_user_id is required");
	}

	@Test
	void onlyChangedDocumentsAreWrittenAgainAndARerunWritesNothing() throws Exception {
		UUID changed = scene(this.jdbc, this.video, this.owner, 0, "old words", null, null, null);
		UUID unchanged = scene(this.jdbc, this.video, this.owner, 1, "steady words", null, null, null);
		JobExecution first = run("scope=all");
		Map<String, Object> unchangedBefore = metadata(unchanged);

		JobExecution rerun = run("scope=all");
		assertThat(writeCount(rerun)).isZero();

		this.jdbc.update("UPDATE video_scenes SET transcript = 'new words' WHERE id = ?", changed);
		JobExecution afterChange = run("scope=all");

		assertThat(writeCount(first)).isEqualTo(2);
		assertThat(writeCount(afterChange)).isEqualTo(1);
		assertThat(metadata(unchanged)).isEqualTo(unchangedBefore);
		assertThat(metadata(changed)).containsEntry("job_execution_id", afterChange.getId())
			.containsEntry("index_name", "scene_search_documents")
			.containsEntry("error", null);
		assertThat(search(this.jdbc, "new", 10, this.owner)).containsExactly(changed);
		assertThat(search(this.jdbc, "old", 10, this.owner)).isEmpty();
	}

	@Test
	void forceRewritesEveryDocumentInScope() throws Exception {
		scene(this.jdbc, this.video, this.owner, 0, "one", null, null, null);
		scene(this.jdbc, this.video, this.owner, 1, "two", null, null, null);
		run("scope=all");

		JobExecution forced = run("scope=all", "force=true");

		assertThat(writeCount(forced)).isEqualTo(2);
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index WHERE job_execution_id = ?",
				forced.getId())).isEqualTo(2);
	}

	@Test
	void aDeletedSceneLeavesTheIndex() throws Exception {
		UUID deleted = scene(this.jdbc, this.video, this.owner, 0, "soon gone", null, null, null);
		UUID kept = scene(this.jdbc, this.video, this.owner, 1, "still here", null, null, null);
		run("scope=all");

		this.jdbc.update("DELETE FROM video_scenes WHERE id = ?", deleted);
		JobExecution afterDelete = run("scope=all");

		assertThat(writeCount(afterDelete)).isEqualTo(1);
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_search_documents WHERE scene_id = ?", deleted)).isZero();
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index WHERE scene_id = ?", deleted)).isZero();
		assertThat(search(this.jdbc, "gone", 10, this.owner)).isEmpty();
		assertThat(search(this.jdbc, "here", 10, this.owner)).containsExactly(kept);
		assertThat(writeCount(run("scope=all"))).isZero();
	}

	@Test
	void processingVideosAreLeftAloneAndScopesNarrowTheWork() throws Exception {
		UUID processing = video(this.jdbc, this.owner, "PROCESSING");
		scene(this.jdbc, processing, this.owner, 0, "in progress", null, null, null);
		UUID mine = scene(this.jdbc, this.video, this.owner, 1, "ready words", null, null, null);
		UUID otherVideo = video(this.jdbc, this.otherOwner, "READY");
		UUID theirs = scene(this.jdbc, otherVideo, this.otherOwner, 0, "their words", null, null, null);

		run("scope=video", "videoId=" + this.video);
		assertThat(indexedScenes()).containsExactly(mine);

		run("scope=owner", "ownerId=" + this.otherOwner);
		assertThat(indexedScenes()).containsExactlyInAnyOrder(mine, theirs);

		run("scope=all");
		assertThat(indexedScenes()).containsExactlyInAnyOrder(mine, theirs);
	}

	@Test
	void sinceTakesOnlyVideosUpdatedAtOrAfterIt() throws Exception {
		this.jdbc.update("UPDATE videos SET updated_at = '2026-01-01T00:00:00Z' WHERE id = ?", this.video);
		scene(this.jdbc, this.video, this.owner, 0, "old video", null, null, null);
		UUID recentVideo = video(this.jdbc, this.owner, "READY");
		UUID recent = scene(this.jdbc, recentVideo, this.owner, 0, "recent video", null, null, null);

		run("scope=all", "since=2026-06-01");

		assertThat(indexedScenes()).containsExactly(recent);
	}

	@Test
	void aDryRunWritesNothingAndAStepLeftOutReadsNothing() throws Exception {
		scene(this.jdbc, this.video, this.owner, 0, "words", null, null, null);

		JobExecution dryRun = run("scope=all", "dryRun=true");
		JobExecution leftOut = run("scope=all", "steps=sceneText,sceneClip");

		assertThat(dryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(dryRun.getStepExecutions().iterator().next().getReadCount()).isEqualTo(1);
		assertThat(leftOut.getStepExecutions().iterator().next().getReadCount()).isZero();
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_search_documents")).isZero();
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index")).isZero();
		assertThat(writeCount(run("scope=all", "steps=sceneText,lexicalIndex"))).isEqualTo(1);
	}

	@Test
	void missingOrContradictoryScopeIsRefusedNamingTheParameter() {
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of()))
			.isInstanceOf(InvalidJobArgumentsException.class)
			.hasMessageContaining("'scope' is missing");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("scope=video")))
			.hasMessageContaining("scope=video needs parameter 'videoId'");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("scope=all", "ownerId=" + this.owner)))
			.hasMessageContaining("'ownerId' is only allowed with scope=owner");
		assertThatThrownBy(() -> this.descriptor.toJobParameters(List.of("scope=everything")))
			.hasMessageContaining("expected one of video, owner, all");
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index")).isZero();
	}

	@Test
	void aFailedRunResumesAfterItsLastCommittedChunk() throws Exception {
		UUID gone = scene(this.jdbc, this.video, this.owner, 0, "gone", null, null, null);
		run("scope=all");
		this.jdbc.update("DELETE FROM video_scenes WHERE id = ?", gone);
		UUID first = scene(this.jdbc, this.video, this.owner, 1, "first", null, null, null);
		UUID second = scene(this.jdbc, this.video, this.owner, 2, "second", null, null, null);
		UUID third = scene(this.jdbc, this.video, this.owner, 3, "third", null, null, null);
		// the database refuses the third scene's document, as a failing disk or a lock timeout would
		this.jdbc.execute("""
				CREATE FUNCTION refuse_third() RETURNS trigger LANGUAGE plpgsql AS $$
				BEGIN
				    IF NEW.scene_id = '%s' THEN RAISE EXCEPTION 'refused for the test'; END IF;
				    RETURN NEW;
				END $$""".formatted(third));
		this.jdbc.execute("CREATE TRIGGER refuse_third BEFORE INSERT ON scene_search_documents"
				+ " FOR EACH ROW EXECUTE FUNCTION refuse_third()");

		JobExecution failed = run("scope=all", "batchSize=1");

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(indexedScenes()).containsExactlyInAnyOrder(first, second);
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index WHERE scene_id = ?", third)).isZero();
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index WHERE scene_id = ?", gone)).isZero();

		this.jdbc.execute("DROP TRIGGER refuse_third ON scene_search_documents");
		JobExecution resumed = run("scope=all", "batchSize=1");

		assertThat(resumed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(resumed.getJobInstanceId()).isEqualTo(failed.getJobInstanceId());
		assertThat(writeCount(resumed)).isEqualTo(1);
		assertThat(indexedScenes()).containsExactlyInAnyOrder(first, second, third);
		assertThat(this.jdbc.queryForList("SELECT job_execution_id FROM scene_lexical_index ORDER BY scene_id",
				Long.class)).containsExactly(failed.getId(), failed.getId(), resumed.getId());
	}

	@Test
	void aDocumentPostgresCannotHoldIsRecordedWhileTheOthersLand() throws Exception {
		UUID fits = scene(this.jdbc, this.video, this.owner, 0, "fits", null, null, null);
		// about 1.3 MB of distinct words: its tsvector would pass PostgreSQL's 1 MB limit
		StringBuilder huge = new StringBuilder();
		for (int i = 0; i < 150_000; i++) {
			huge.append("w").append(Integer.toString(i, 36)).append("x ");
		}
		UUID tooLarge = scene(this.jdbc, this.video, this.owner, 1, huge.toString(), null, null, null);
		UUID alsoFits = scene(this.jdbc, this.video, this.owner, 2, "also fits", null, null, null);

		JobExecution execution = run("scope=all");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(indexedScenes()).containsExactlyInAnyOrder(fits, alsoFits);
		Map<String, Object> refused = this.jdbc.queryForMap(
				"SELECT error, error_detail, content_sha256 FROM scene_lexical_index WHERE scene_id = ?", tooLarge);
		assertThat(refused).containsEntry("error", "document_rejected").containsEntry("content_sha256", null);
		assertThat(refused.get("error_detail").toString()).contains("too long for tsvector");
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index WHERE error IS NULL")).isEqualTo(2);
	}

	@Test
	void coverageCountsCurrentStaleFailedAndGoneScenes() throws Exception {
		UUID changed = scene(this.jdbc, this.video, this.owner, 0, "before", null, null, null);
		UUID gone = scene(this.jdbc, this.video, this.owner, 1, "gone", null, null, null);
		scene(this.jdbc, this.video, this.owner, 2, "steady", null, null, null);
		scene(this.jdbc, this.video, this.owner, 3, "failed", null, null, null);
		run("scope=all");
		this.jdbc.update("UPDATE video_scenes SET transcript = 'after' WHERE id = ?", changed);
		this.jdbc.update("DELETE FROM video_scenes WHERE id = ?", gone);
		this.jdbc.update("UPDATE scene_lexical_index SET error = 'server_error' WHERE scene_id IN"
				+ " (SELECT id FROM video_scenes WHERE scene_index = 3)");

		LexicalCoverage coverage = this.coverage.coverage();

		assertThat(coverage).isEqualTo(new LexicalCoverage("postgresql", 3, 3, 1, 1, 1, Map.of("server_error", 1L)));
		assertThat(coverage.lines()).containsExactly(
				"Lexical (postgresql): indexed=3 current=1 stale=2 coverage_pct=33.33 errors=1 pending_removal=1",
				"  server_error             1");
	}

	@Test
	void theTextSearchConfigurationMustExistAndChangingItMakesEveryDocumentStale() throws Exception {
		scene(this.jdbc, this.video, this.owner, 0, "running dogs", null, null, null);
		run("scope=all");
		LexicalIndexParameters all = LexicalIndexParameters.from(Map.of("scope", "all"));

		long staleUnderSimple = pending(new LexicalSceneSelection("postgresql", "postgresql:simple",
				"scene_search_documents", all));
		long staleUnderEnglish = pending(new LexicalSceneSelection("postgresql", "postgresql:english",
				"scene_search_documents", all));

		assertThat(staleUnderSimple).isZero();
		assertThat(staleUnderEnglish).isEqualTo(1);
		assertThat(PostgresLexicalIndex.configurationProblem(this.jdbc, "english")).isNull();
		assertThat(PostgresLexicalIndex.configurationProblem(this.jdbc, "pg_catalog.english")).isNull();
		assertThat(PostgresLexicalIndex.configurationProblem(this.jdbc, "klingon"))
			.startsWith("LEXICAL_TEXT_SEARCH_CONFIG=klingon is not a text search configuration of this database;"
					+ " choose one of ")
			.contains("english", "simple");
	}

	private long pending(LexicalSceneSelection selection) {
		return new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(this.jdbc).queryForObject(
				"SELECT count(*) " + selection.changedScenesFrom() + " WHERE " + selection.whereClause(), selection.values(),
				Long.class);
	}

	private List<UUID> indexedScenes() {
		return this.jdbc.queryForList("SELECT scene_id FROM scene_search_documents", UUID.class);
	}

	private Map<String, Object> metadata(UUID scene) {
		return this.jdbc.queryForMap("""
				SELECT content_sha256, index_name, indexed_at, error, job_execution_id
				FROM scene_lexical_index WHERE target = 'postgresql' AND scene_id = ?""", scene);
	}

	private static long writeCount(JobExecution execution) {
		return execution.getStepExecutions().iterator().next().getWriteCount();
	}

	private JobExecution run(String... parameters) throws Exception {
		return this.launcher.launch("lexicalIndex", this.descriptor.toJobParameters(List.of(parameters)));
	}

}
