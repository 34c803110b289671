package com.heimdex.embeddings.text;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The text embedding cache in PostgreSQL ({@code text_embedding_cache}): identical texts are
 * embedded once per model and dimension count, across scenes and runs. Binds
 * {@code EMBEDDING_CACHE_TTL} and {@code EMBEDDING_CACHE_DELETE_EXPIRED}.
 *
 * @param ttl how long a cached embedding is used; older entries are ignored and replaced when
 * their text is embedded again (the seeds' Redis cache kept entries 30 days)
 * @param deleteExpired whether a run deletes expired entries when it starts (not in dry runs)
 */
@ConfigurationProperties("embedding.cache")
public record TextEmbeddingCacheProperties(@DefaultValue("30d") Duration ttl,
		@DefaultValue("false") boolean deleteExpired) {

	public TextEmbeddingCacheProperties {
		if (ttl == null || ttl.isNegative() || ttl.isZero()) {
			throw new IllegalArgumentException("EMBEDDING_CACHE_TTL must be positive, was " + ttl);
		}
	}

}
