package com.heimdex.embeddings.text;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.text.CachingTextEmbedder.ResolvedText;
import tools.jackson.databind.json.JsonMapper;

/**
 * Builds the {@code text_embedding_metadata} entries of a scene, one object per channel processed:
 * model, dimensions, content_sha256, tokens, truncated, cached, created_at, error (a stable
 * {@link EmbeddingFailureCode} code or null), error_detail on failure, job_execution_id.
 */
class TextChannelMetadata {

	private final JsonMapper json;

	private final TextEmbeddingProperties settings;

	TextChannelMetadata(JsonMapper json, TextEmbeddingProperties settings) {
		this.json = json;
		this.settings = settings;
	}

	/** One channel's entry. */
	Map<String, Object> entry(String contentSha256, ResolvedText resolved, Instant createdAt, long executionId) {
		Map<String, Object> entry = new LinkedHashMap<>();
		entry.put("model", this.settings.model());
		entry.put("dimensions", this.settings.dimensions());
		entry.put("content_sha256", contentSha256);
		entry.put("tokens", resolved.tokens());
		entry.put("truncated", resolved.truncated());
		entry.put("cached", resolved.cached());
		entry.put("created_at", createdAt.truncatedTo(ChronoUnit.SECONDS).toString());
		entry.put("error", (resolved.failure() != null) ? resolved.failure().code().code() : null);
		if (resolved.failure() != null) {
			entry.put("error_detail", resolved.failure().detail());
		}
		entry.put("job_execution_id", executionId);
		return entry;
	}

	/** The patch merged into the scene's metadata: the entries by channel key. */
	String patch(Map<TextChannel, Map<String, Object>> entries) {
		Map<String, Object> patch = new LinkedHashMap<>();
		entries.forEach((channel, entry) -> patch.put(channel.key(), entry));
		return this.json.writeValueAsString(patch);
	}

}
