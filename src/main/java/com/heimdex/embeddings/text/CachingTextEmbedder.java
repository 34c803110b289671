package com.heimdex.embeddings.text;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.hash.Sha256;
import com.heimdex.embeddings.text.TextEmbeddingCache.CachedEmbedding;
import com.heimdex.embeddings.text.TextEmbeddingCache.NewEntry;

/**
 * Embeds each distinct text once: what the cache holds is taken from it (one query), the rest is
 * embedded in one {@link OpenAiEmbeddingClient#embedAll} call, which packs it into as few requests
 * as the limits allow, and the new vectors are cached.
 */
public class CachingTextEmbedder {

	private final OpenAiEmbeddingClient client;

	private final TextEmbeddingCache cache;

	private final TextEmbeddingProperties settings;

	public CachingTextEmbedder(OpenAiEmbeddingClient client, TextEmbeddingCache cache,
			TextEmbeddingProperties settings) {
		this.client = client;
		this.cache = cache;
		this.settings = settings;
	}

	/**
	 * Embeds the texts (non-blank), each distinct one once.
	 * @throws EmbeddingAuthenticationException if the endpoint refuses the credentials
	 * @throws EmbeddingEndpointException if the endpoint cannot be used as configured
	 */
	public ResolvedTexts embed(Collection<String> texts) throws InterruptedException {
		Map<String, String> byHash = distinct(texts);
		Map<String, CachedEmbedding> cached = lookup(byHash);
		Map<String, ResolvedText> resolved = new HashMap<>();
		cached.forEach((hash, hit) -> resolved.put(hash, new ResolvedText(hit.vector(), hit.tokens(),
				hit.tokens() >= this.settings.maxInputTokens(), true, null)));
		List<String> missHashes = byHash.keySet().stream().filter((hash) -> !cached.containsKey(hash)).toList();
		if (missHashes.isEmpty()) {
			return new ResolvedTexts(resolved, 0, 0, 0, 0);
		}
		EmbeddingBatchResult result = this.client.embedAll(missHashes.stream().map(byHash::get).toList());
		List<NewEntry> fresh = new ArrayList<>();
		for (TextEmbeddingOutcome outcome : result.outcomes()) {
			String hash = missHashes.get(outcome.index());
			resolved.put(hash, new ResolvedText(outcome.vector(), outcome.tokens(), outcome.truncated(), false,
					outcome.failure()));
			if (outcome.succeeded()) {
				fresh.add(new NewEntry(hash, outcome.vector(), outcome.tokens()));
			}
		}
		this.cache.store(this.settings.model(), this.settings.dimensions(), fresh);
		return new ResolvedTexts(resolved, missHashes.size(), result.requestsSent(), result.tokensUsed(),
				result.rateLimitedResponses());
	}

	/** What {@link #embed} would send for these texts, given what the cache holds now; sends and writes nothing. */
	public CachedEstimate estimate(Collection<String> texts) {
		Map<String, String> byHash = distinct(texts);
		Map<String, CachedEmbedding> cached = lookup(byHash);
		List<String> misses = byHash.entrySet()
			.stream()
			.filter((entry) -> !cached.containsKey(entry.getKey()))
			.map(Map.Entry::getValue)
			.toList();
		return new CachedEstimate(cached.keySet(), this.client.estimate(misses));
	}

	private Map<String, CachedEmbedding> lookup(Map<String, String> byHash) {
		return this.cache.lookup(this.settings.model(), this.settings.dimensions(), byHash.keySet());
	}

	private static Map<String, String> distinct(Collection<String> texts) {
		Map<String, String> byHash = new LinkedHashMap<>();
		texts.forEach((text) -> byHash.putIfAbsent(Sha256.ofText(text), text));
		return byHash;
	}

	/**
	 * What became of one distinct text.
	 *
	 * @param vector the embedding, {@code null} on failure
	 * @param tokens tokens it counts (after truncation)
	 * @param truncated whether it was cut to the model's context
	 * @param cached whether the vector came from the cache
	 * @param failure why there is no vector, {@code null} on success
	 */
	public record ResolvedText(float[] vector, int tokens, boolean truncated, boolean cached, EmbeddingFailure failure) {
	}

	/**
	 * The outcome of {@link #embed}.
	 *
	 * @param byHash each distinct text's outcome, by content hash
	 * @param sent distinct texts sent to the endpoint (cache misses)
	 * @param requestsSent HTTP requests, retries included
	 * @param tokensUsed tokens the endpoint counted
	 * @param rateLimitedResponses requests answered 429
	 */
	public record ResolvedTexts(Map<String, ResolvedText> byHash, int sent, int requestsSent, long tokensUsed,
			int rateLimitedResponses) {

		public ResolvedText get(String text) {
			return this.byHash.get(Sha256.ofText(text));
		}

	}

	/**
	 * The outcome of {@link #estimate}.
	 *
	 * @param cachedHashes content hashes the cache would serve
	 * @param misses what the texts the cache lacks would take
	 */
	public record CachedEstimate(Collection<String> cachedHashes, TextEmbeddingEstimate misses) {
	}

}
