package com.heimdex.embeddings.lexical;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;

import org.opensearch.client.opensearch.OpenSearchClient;
import org.opensearch.client.opensearch._types.OpenSearchException;
import org.opensearch.client.opensearch._types.mapping.DynamicMapping;
import org.opensearch.client.opensearch._types.mapping.Property;
import org.opensearch.client.opensearch._types.mapping.TypeMapping;

/**
 * The indexes behind the lexical alias: which one the alias points to, creating one with the
 * application's explicit mapping, and moving the alias to a rebuilt index.
 */
class OpenSearchIndexes {

	private final OpenSearchClient client;

	private final OpenSearchProperties settings;

	OpenSearchIndexes(OpenSearchClient client, OpenSearchProperties settings) {
		this.client = client;
		this.settings = settings;
	}

	/** The indexes the alias points to (none when it does not exist). */
	Set<String> aliasIndexes() {
		return call(() -> {
			if (!this.client.indices().existsAlias((request) -> request.name(this.settings.index())).value()) {
				return Set.of();
			}
			return this.client.indices().getAlias((request) -> request.name(this.settings.index())).result().keySet();
		});
	}

	/** Whether a concrete index (not an alias) of this name exists. */
	boolean indexExists(String name) {
		return call(() -> this.client.indices().exists((request) -> request.index(name)).value()
				&& !this.client.indices().existsAlias((request) -> request.name(name)).value());
	}

	/** Creates an index with the lexical mapping; with {@code aliased} the alias points to it at once. */
	void create(String name, boolean aliased) {
		call(() -> this.client.indices().create((request) -> {
			request.index(name)
				.settings((index) -> index.numberOfShards(this.settings.shards())
					.numberOfReplicas(this.settings.replicas()))
				.mappings(mapping());
			if (aliased) {
				request.aliases(this.settings.index(), (alias) -> alias);
			}
			return request;
		}));
	}

	/** Points the alias at {@code index} alone, in one atomic change, then deletes the indexes it left. */
	void moveAlias(String index) {
		Set<String> previous = aliasIndexes();
		call(() -> this.client.indices().updateAliases((request) -> {
			for (String old : previous) {
				if (!old.equals(index)) {
					request.actions((action) -> action.remove((remove) -> remove.index(old).alias(this.settings.index())));
				}
			}
			return request.actions((action) -> action.add((add) -> add.index(index).alias(this.settings.index())));
		}));
		for (String old : previous) {
			if (!old.equals(index)) {
				call(() -> this.client.indices().delete((request) -> request.index(old)));
			}
		}
	}

	/**
	 * Text fields on BM25 with the configured analyzer, owner and video as keywords for filtering,
	 * tags searchable as text and filterable as keywords; nothing else is accepted.
	 */
	TypeMapping mapping() {
		Property text = Property.of((p) -> p.text((t) -> t.analyzer(this.settings.analyzer()).similarity("BM25")));
		Property keyword = Property.of((p) -> p.keyword((k) -> k));
		Property tagKeyword = Property.of((p) -> p.keyword((k) -> k.ignoreAbove(256)));
		Property tags = Property.of((p) -> p
			.text((t) -> t.analyzer(this.settings.analyzer()).similarity("BM25").fields("keyword", tagKeyword)));
		Property sceneIndex = Property.of((p) -> p.integer((i) -> i));
		Property hash = Property.of((p) -> p.keyword((k) -> k.index(false)));
		return TypeMapping.of((m) -> m.dynamic(DynamicMapping.Strict)
			.properties("scene_id", keyword)
			.properties("owner_id", keyword)
			.properties("video_id", keyword)
			.properties("scene_index", sceneIndex)
			.properties("transcript", text)
			.properties("visual_description", text)
			.properties("tags", tags)
			.properties("summary", text)
			.properties("content_sha256", hash));
	}

	/** An OpenSearch call whose failure fails the run (nothing per scene to record). */
	static <T> T call(OpenSearchCall<T> call) {
		try {
			return call.run();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("OpenSearch could not be reached: " + ex.getMessage(), ex);
		}
		catch (OpenSearchException ex) {
			throw new IllegalStateException("OpenSearch refused the request: " + ex.getMessage(), ex);
		}
	}

	@FunctionalInterface
	interface OpenSearchCall<T> {

		T run() throws IOException;

	}

	static List<String> sorted(Set<String> names) {
		return names.stream().sorted().toList();
	}

}
