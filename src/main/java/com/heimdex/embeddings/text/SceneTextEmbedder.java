package com.heimdex.embeddings.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.hash.Sha256;
import com.heimdex.embeddings.scene.PendingTextScene;
import com.heimdex.embeddings.scene.SceneTextResult;
import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.text.CachingTextEmbedder.ResolvedText;
import com.heimdex.embeddings.text.CachingTextEmbedder.ResolvedTexts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Embeds the pending channel texts of a chunk of scenes with one cache lookup and one client call
 * (packed into as few requests as the limits allow) and gives each scene's vectors and metadata
 * patch, ready to be stored in one statement. A text that fails after the client's retries is in
 * its channel's metadata with its code and has no vector (its column keeps what it had); an
 * authentication or endpoint failure is thrown, so that the chunk fails as a whole.
 */
public class SceneTextEmbedder {

	private static final Log logger = LogFactory.getLog(SceneTextEmbedder.class);

	private final CachingTextEmbedder embedder;

	private final TextChannelMetadata metadata;

	SceneTextEmbedder(CachingTextEmbedder embedder, TextChannelMetadata metadata) {
		this.embedder = embedder;
		this.metadata = metadata;
	}

	/** A step's scene-text embedding (cache, packing, budgets, retries); each step gets its own. */
	public static SceneTextEmbedder create(OpenAiEmbeddingClient client, TextEmbeddingCache cache,
			TextEmbeddingProperties settings, JsonMapper json) {
		return new SceneTextEmbedder(new CachingTextEmbedder(client, cache, settings),
				new TextChannelMetadata(json, settings));
	}

	/** The scenes' results and what it took. */
	public EmbeddedScenes embed(List<? extends PendingTextScene> scenes, long executionId) throws InterruptedException {
		List<String> texts = new ArrayList<>();
		scenes.forEach((scene) -> texts.addAll(scene.texts().values()));
		ResolvedTexts resolved = this.embedder.embed(texts);
		Instant now = Instant.now();
		List<SceneTextResult> results = new ArrayList<>(scenes.size());
		List<String> channels = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		long cacheHits = 0;
		long failedScenes = 0;
		for (PendingTextScene scene : scenes) {
			Map<TextChannel, float[]> vectors = new EnumMap<>(TextChannel.class);
			Map<TextChannel, Map<String, Object>> entries = new EnumMap<>(TextChannel.class);
			boolean failed = false;
			for (Map.Entry<TextChannel, String> channelText : scene.texts().entrySet()) {
				String hash = Sha256.ofText(channelText.getValue());
				ResolvedText text = resolved.byHash().get(hash);
				entries.put(channelText.getKey(), this.metadata.entry(hash, text, now, executionId));
				if (text.failure() != null) {
					failed = true;
					errors.add(text.failure().code().code());
					logger.warn("Scene " + scene.id() + " channel " + channelText.getKey().key() + ": "
							+ text.failure().code().code() + " (" + text.failure().detail() + ")");
				}
				else {
					vectors.put(channelText.getKey(), text.vector());
					channels.add(channelText.getKey().key());
					cacheHits += text.cached() ? 1 : 0;
				}
			}
			results.add(new SceneTextResult(scene.id(), vectors, this.metadata.patch(entries)));
			failedScenes += failed ? 1 : 0;
		}
		return new EmbeddedScenes(results, texts.size(), cacheHits, failedScenes, channels, errors, resolved.sent(),
				resolved.requestsSent(), resolved.tokensUsed(), resolved.rateLimitedResponses());
	}

	/** What a dry run would send of these texts: cache hits, and the misses' inputs, requests and tokens. */
	public CachingTextEmbedder.CachedEstimate estimate(List<String> texts) {
		return this.embedder.estimate(texts);
	}

	/**
	 * A chunk's scenes embedded.
	 *
	 * @param results each scene's vectors and metadata patch, in order
	 * @param texts channel texts of the chunk
	 * @param cacheHits texts whose vector came from the cache
	 * @param failedScenes scenes with at least one failed text
	 * @param channels the channel of each text embedded (one entry per text)
	 * @param errors the code of each failed text
	 * @param sent texts sent to the endpoint
	 * @param requests requests sent
	 * @param tokens tokens sent
	 * @param rateLimited requests answered 429
	 */
	public record EmbeddedScenes(List<SceneTextResult> results, long texts, long cacheHits, long failedScenes,
			List<String> channels, List<String> errors, int sent, int requests, long tokens, int rateLimited) {
	}

}
