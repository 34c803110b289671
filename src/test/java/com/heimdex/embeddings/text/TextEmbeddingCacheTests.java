package com.heimdex.embeddings.text;

import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.support.DatabaseTest;
import com.heimdex.embeddings.text.TextEmbeddingCache.CachedEmbedding;
import com.heimdex.embeddings.text.TextEmbeddingCache.NewEntry;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/** The PostgreSQL text embedding cache: keyed by model, dimensions and content hash, with a TTL. */
@TestPropertySource(properties = "embedding.cache.ttl=2h")
class TextEmbeddingCacheTests extends DatabaseTest {

	@Autowired
	private TextEmbeddingCache cache;

	@BeforeEach
	void emptyCache() {
		this.jdbc.update("TRUNCATE text_embedding_cache");
	}

	@Test
	void anEntryIsFoundOnlyUnderItsOwnModelAndDimensions() {
		this.cache.store("model-a", 3, List.of(new NewEntry("aa", new float[] { 1, 2, 3 }, 7)));

		Map<String, CachedEmbedding> found = this.cache.lookup("model-a", 3, List.of("aa", "bb"));

		assertThat(found).containsOnlyKeys("aa");
		assertThat(found.get("aa").vector()).containsExactly(1, 2, 3);
		assertThat(found.get("aa").tokens()).isEqualTo(7);
		assertThat(this.cache.lookup("model-b", 3, List.of("aa"))).isEmpty();
		assertThat(this.cache.lookup("model-a", 4, List.of("aa"))).isEmpty();
	}

	@Test
	void expiredEntriesAreIgnoredReplacedAndDeletable() {
		this.cache.store("m", 2, List.of(new NewEntry("old", new float[] { 1, 0 }, 1),
				new NewEntry("fresh", new float[] { 0, 1 }, 1)));
		this.jdbc.update("UPDATE text_embedding_cache SET created_at = now() - interval '3 hours' WHERE content_sha256 = 'old'");

		assertThat(this.cache.lookup("m", 2, List.of("old", "fresh"))).containsOnlyKeys("fresh");

		// Storing again replaces the expired entry and keeps the unexpired one.
		this.cache.store("m", 2, List.of(new NewEntry("old", new float[] { 5, 5 }, 2),
				new NewEntry("fresh", new float[] { 9, 9 }, 2)));

		Map<String, CachedEmbedding> found = this.cache.lookup("m", 2, List.of("old", "fresh"));
		assertThat(found.get("old").vector()).containsExactly(5, 5);
		assertThat(found.get("fresh").vector()).containsExactly(0, 1);

		this.jdbc.update("UPDATE text_embedding_cache SET created_at = now() - interval '3 hours' WHERE content_sha256 = 'fresh'");

		assertThat(this.cache.deleteExpired()).isEqualTo(1);
		assertThat(this.jdbc.queryForList("SELECT content_sha256 FROM text_embedding_cache", String.class))
			.containsExactly("old");
	}

}
