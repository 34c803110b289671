package com.heimdex.embeddings.lexical;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.support.DatabaseTest;
import com.heimdex.embeddings.support.OpenSearchTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static com.heimdex.embeddings.lexical.LexicalTestScenes.count;
import static com.heimdex.embeddings.lexical.LexicalTestScenes.scene;
import static com.heimdex.embeddings.lexical.LexicalTestScenes.video;
import static com.heimdex.embeddings.support.OpenSearchTestServer.request;
import static org.assertj.core.api.Assertions.assertThat;

/** lexicalIndex on the OpenSearch back end, against a real OpenSearch node. */
class LexicalIndexOpenSearchFunctionalTests extends DatabaseTest {

	static final String ALIAS = "scenes-test";

	private static final JsonMapper json = JsonMapper.builder().build();

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	@Qualifier("lexicalIndexDescriptor")
	private JobDescriptor descriptor;

	private final UUID owner = UUID.randomUUID();

	private UUID video;

	@DynamicPropertySource
	static void openSearch(DynamicPropertyRegistry registry) {
		registry.add("opensearch.url", OpenSearchTestServer::url);
		registry.add("opensearch.index", () -> ALIAS);
		registry.add("opensearch.replicas", () -> "0");
		registry.add("lexical.initial-backoff", () -> "10ms");
		registry.add("lexical.max-backoff", () -> "20ms");
		registry.add("lexical.max-rate-limited-attempts", () -> "3");
	}

	@BeforeEach
	void clean() {
		request("DELETE", "/" + ALIAS + "*", null);
		this.jdbc.update("TRUNCATE videos CASCADE");
		this.jdbc.update("TRUNCATE scene_search_documents, scene_lexical_index");
		this.video = video(this.jdbc, this.owner, "READY");
	}

	@Test
	void createsTheIndexWithTheExplicitMappingBehindTheAliasAndIndexesEveryScene() throws Exception {
		UUID first = scene(this.jdbc, this.video, this.owner, 0, "the espresso machine hisses", "a kitchen",
				List.of("coffee", "morning"), "making coffee");
		scene(this.jdbc, this.video, this.owner, 1, "a quiet street", null, null, null);

		JobExecution execution = run("scope=all");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		String index = aliasIndexes().get(0);
		assertThat(aliasIndexes()).hasSize(1);
		JsonNode properties = get("/" + index + "/_mapping").get(index).get("mappings");
		assertThat(properties.get("dynamic").asString()).isEqualTo("strict");
		assertThat(properties.get("properties").get("transcript").get("type").asString()).isEqualTo("text");
		assertThat(properties.get("properties").get("transcript").get("analyzer").asString()).isEqualTo("standard");
		assertThat(properties.get("properties").get("owner_id").get("type").asString()).isEqualTo("keyword");
		assertThat(properties.get("properties").get("video_id").get("type").asString()).isEqualTo("keyword");
		assertThat(documentCount()).isEqualTo(2);
		assertThat(searchTranscript("espresso")).containsExactly(first.toString());
		JsonNode source = get("/" + ALIAS + "/_doc/" + first).get("_source");
		assertThat(source.get("owner_id").asString()).isEqualTo(this.owner.toString());
		assertThat(source.get("tags").get(1).asString()).isEqualTo("morning");
		assertThat(this.jdbc.queryForMap("SELECT index_name, content_sha256 IS NOT NULL AS hashed, indexed_at IS NOT NULL"
				+ " AS dated, error FROM scene_lexical_index WHERE target = 'opensearch' AND scene_id = ?", first))
			.containsEntry("index_name", index)
			.containsEntry("hashed", true)
			.containsEntry("dated", true)
			.containsEntry("error", null);
	}

	@Test
	void rerunsAreIdempotentChangesAreRewrittenAndDeletedScenesLeave() throws Exception {
		UUID changed = scene(this.jdbc, this.video, this.owner, 0, "first words", null, null, null);
		UUID deleted = scene(this.jdbc, this.video, this.owner, 1, "going away", null, null, null);
		scene(this.jdbc, this.video, this.owner, 2, "staying", null, null, null);
		run("scope=all");

		JobExecution rerun = run("scope=all");
		assertThat(writeCount(rerun)).isZero();
		assertThat(documentCount()).isEqualTo(3);

		this.jdbc.update("UPDATE video_scenes SET transcript = 'second words' WHERE id = ?", changed);
		this.jdbc.update("DELETE FROM video_scenes WHERE id = ?", deleted);
		JobExecution afterChanges = run("scope=all");

		assertThat(writeCount(afterChanges)).isEqualTo(2);
		assertThat(documentCount()).isEqualTo(2);
		assertThat(searchTranscript("second")).containsExactly(changed.toString());
		assertThat(searchTranscript("first")).isEmpty();
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index WHERE scene_id = ?", deleted)).isZero();
	}

	@Test
	void aForcedFullRunBuildsANewIndexAndMovesTheAliasWhenComplete() throws Exception {
		scene(this.jdbc, this.video, this.owner, 0, "one", null, null, null);
		scene(this.jdbc, this.video, this.owner, 1, "two", null, null, null);
		run("scope=all");
		String before = aliasIndexes().get(0);

		JobExecution forced = run("scope=all", "force=true");

		String after = aliasIndexes().get(0);
		assertThat(forced.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(aliasIndexes()).hasSize(1);
		assertThat(after).isNotEqualTo(before).startsWith(ALIAS + "-rebuild-");
		assertThat(documentCount()).isEqualTo(2);
		assertThat(get("/_cat/indices/" + ALIAS + "*?format=json")).hasSize(1);
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index WHERE index_name = ?", after))
			.isEqualTo(2);
	}

	@Test
	void aForcedRunOverPartOfTheScenesRewritesThemInPlace() throws Exception {
		scene(this.jdbc, this.video, this.owner, 0, "one", null, null, null);
		run("scope=all");
		String before = aliasIndexes().get(0);

		JobExecution forced = run("scope=video", "videoId=" + this.video, "force=true");

		assertThat(writeCount(forced)).isEqualTo(1);
		assertThat(aliasIndexes()).containsExactly(before);
	}

	@Test
	void aDocumentTheIndexRefusesIsRecordedWhileTheOthersLand() throws Exception {
		// an index made elsewhere whose mapping takes scene indexes up to 127 only
		request("PUT", "/" + ALIAS + "-narrow", """
				{"settings": {"number_of_replicas": 0},
				 "mappings": {"properties": {"scene_index": {"type": "byte"}}},
				 "aliases": {"%s": {}}}""".formatted(ALIAS));
		UUID fits = scene(this.jdbc, this.video, this.owner, 1, "fits", null, null, null);
		UUID tooFar = scene(this.jdbc, this.video, this.owner, 500, "too far", null, null, null);

		JobExecution execution = run("scope=all");

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(documentCount()).isEqualTo(1);
		assertThat(get("/" + ALIAS + "/_doc/" + fits).get("found").asBoolean()).isTrue();
		Map<String, Object> refused = this.jdbc.queryForMap("SELECT error, error_detail, content_sha256, attempted_sha256"
				+ " FROM scene_lexical_index WHERE target = 'opensearch' AND scene_id = ?", tooFar);
		assertThat(refused).containsEntry("error", "document_rejected").containsEntry("content_sha256", null);
		assertThat(refused.get("error_detail").toString()).startsWith("400 mapper_parsing_exception");
		assertThat(refused.get("attempted_sha256")).isNotNull();
		assertThat(writeCount(run("scope=all"))).as("the refused scene is tried again").isEqualTo(1);
	}

	@Test
	void documentsAnswered429UntilTheAttemptsRunOutAreRecordedAndTheNextRunIndexesThem() throws Exception {
		UUID scene = scene(this.jdbc, this.video, this.owner, 0, "busy", null, null, null);
		run("scope=all");
		String index = aliasIndexes().get(0);
		this.jdbc.update("UPDATE video_scenes SET transcript = 'busier' WHERE id = ?", scene);
		request("PUT", "/" + index + "/_settings", "{\"index.blocks.read_only_allow_delete\": true}");

		JobExecution blocked = run("scope=all");

		assertThat(blocked.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jdbc.queryForObject("SELECT error FROM scene_lexical_index WHERE scene_id = ?", String.class,
				scene)).isEqualTo("rate_limited");
		assertThat(searchTranscript("busy")).as("the previous document stays searchable").hasSize(1);

		request("PUT", "/" + index + "/_settings", "{\"index.blocks.read_only_allow_delete\": null}");
		run("scope=all");
		assertThat(this.jdbc.queryForObject("SELECT error FROM scene_lexical_index WHERE scene_id = ?", String.class,
				scene)).isNull();
		assertThat(searchTranscript("busier")).containsExactly(scene.toString());
	}

	@Test
	void aDryRunCreatesNoIndexAndWritesNothing() throws Exception {
		scene(this.jdbc, this.video, this.owner, 0, "words", null, null, null);

		JobExecution dryRun = run("scope=all", "dryRun=true");
		JobExecution forcedDryRun = run("scope=all", "dryRun=true", "force=true");

		assertThat(dryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(forcedDryRun.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(dryRun.getStepExecutions().iterator().next().getReadCount()).isEqualTo(1);
		assertThat(get("/_cat/indices/" + ALIAS + "*?format=json")).isEmpty();
		assertThat(count(this.jdbc, "SELECT count(*) FROM scene_lexical_index")).isZero();
	}

	private List<String> aliasIndexes() {
		List<String> names = new ArrayList<>();
		get("/_alias/" + ALIAS).propertyNames().forEach(names::add);
		return names;
	}

	private long documentCount() {
		request("POST", "/" + ALIAS + "/_refresh", null);
		return get("/" + ALIAS + "/_count").get("count").asLong();
	}

	private List<String> searchTranscript(String word) {
		request("POST", "/" + ALIAS + "/_refresh", null);
		JsonNode hits = json.readTree(request("POST", "/" + ALIAS + "/_search",
				"{\"query\": {\"match\": {\"transcript\": \"" + word + "\"}}}")).get("hits").get("hits");
		List<String> ids = new ArrayList<>();
		hits.forEach((hit) -> ids.add(hit.get("_id").asString()));
		return ids;
	}

	private static JsonNode get(String path) {
		return json.readTree(request("GET", path, null));
	}

	private static long writeCount(JobExecution execution) {
		return execution.getStepExecutions().iterator().next().getWriteCount();
	}

	private JobExecution run(String... parameters) throws Exception {
		return this.launcher.launch("lexicalIndex", this.descriptor.toJobParameters(List.of(parameters)));
	}

}
