package com.heimdex.embeddings.lexical;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import com.heimdex.embeddings.scene.ScenePartition;
import com.heimdex.embeddings.support.OpenSearchTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opensearch.client.opensearch.OpenSearchClient;
import tools.jackson.databind.json.JsonMapper;

import static com.heimdex.embeddings.support.OpenSearchTestServer.request;
import static org.assertj.core.api.Assertions.assertThat;

/** The OpenSearch back end's bulk writes and index handling, against a real OpenSearch node. */
class OpenSearchLexicalIndexTests {

	private static final String ALIAS = "scenes-unit";

	private static final JsonMapper json = JsonMapper.builder().build();

	private final OpenSearchProperties settings = new OpenSearchProperties(OpenSearchTestServer.url(), null, null,
			ALIAS, "standard", 2, 0, Duration.ofSeconds(5), Duration.ofSeconds(30));

	private final LexicalIndexProperties lexicalSettings = new LexicalIndexProperties("simple", 5,
			Duration.ofMillis(10), Duration.ofMillis(20));

	private final List<Duration> waits = new ArrayList<>();

	private OpenSearchClient client;

	@BeforeEach
	void clean() {
		request("DELETE", "/" + ALIAS + "*", null);
		this.client = OpenSearchClients.create(this.settings);
	}

	@AfterEach
	void close() throws Exception {
		this.client._transport().close();
	}

	@Test
	void itemsAnswered429AreSentAgainWhileTheOthersOfTheBulkLand() {
		OpenSearchLexicalIndex index = new OpenSearchLexicalIndex(this.client, this.settings, this.lexicalSettings,
				(wait) -> {
					this.waits.add(wait);
					// the pressure is gone after the first wait
					request("PUT", "/" + ALIAS + "*/_settings", "{\"index.blocks.read_only_allow_delete\": null}");
				});
		String indexName = index.open(parameters(false), 1);
		LexicalWorkItem leaving = document("leaving");
		index.write(indexName, List.of(leaving));
		request("PUT", "/" + indexName + "/_settings", "{\"index.blocks.read_only_allow_delete\": true}");
		LexicalWorkItem first = document("first");
		LexicalWorkItem second = document("second");
		LexicalWorkItem removal = removal(leaving.sceneId());

		// a flood-stage block answers 429 to index actions and lets deletes through
		List<LexicalOutcome> outcomes = index.write(indexName, List.of(first, removal, second));

		assertThat(outcomes).extracting(LexicalOutcome::succeeded).containsExactly(true, true, true);
		assertThat(this.waits).containsExactly(Duration.ofMillis(10));
		assertThat(ids()).containsExactlyInAnyOrder(first.sceneId().toString(), second.sceneId().toString());
	}

	@Test
	void aForcedFullRunWritesToANewIndexTheAliasMovesToOnlyWhenComplete() {
		OpenSearchLexicalIndex index = new OpenSearchLexicalIndex(this.client, this.settings, this.lexicalSettings);
		String live = index.open(parameters(false), 1);
		index.write(live, List.of(document("old")));

		String rebuilt = index.open(parameters(true), 7);
		index.write(rebuilt, List.of(document("new")));

		assertThat(rebuilt).isEqualTo(ALIAS + "-rebuild-7");
		assertThat(aliasIndexes()).as("searches keep the complete index while the new one fills").containsExactly(live);
		index.complete(parameters(true), rebuilt);
		assertThat(aliasIndexes()).containsExactly(rebuilt);
		assertThat(request("GET", "/_cat/indices/" + ALIAS + "*?h=index", null).trim())
			.isEqualTo(rebuilt);
	}

	private LexicalIndexParameters parameters(boolean force) {
		return new LexicalIndexParameters("all", null, null, null, force, false, true, ScenePartition.ALL, 100);
	}

	private static LexicalWorkItem document(String transcript) {
		return new LexicalWorkItem(UUID.randomUUID(), UUID.randomUUID(), UUID.randomUUID(), 0, transcript, null, null,
				null, "hash-" + transcript, false);
	}

	private static LexicalWorkItem removal(UUID scene) {
		return new LexicalWorkItem(scene, UUID.randomUUID(), UUID.randomUUID(), null, null, null, null, null, null, true);
	}

	private Set<String> aliasIndexes() {
		return Set.copyOf(json.readTree(request("GET", "/_alias/" + ALIAS, null)).propertyNames());
	}

	private List<String> ids() {
		request("POST", "/" + ALIAS + "/_refresh", null);
		List<String> ids = new ArrayList<>();
		json.readTree(request("POST", "/" + ALIAS + "/_search", "{\"size\": 100}"))
			.get("hits")
			.get("hits")
			.forEach((hit) -> ids.add(hit.get("_id").asString()));
		return ids;
	}

}
