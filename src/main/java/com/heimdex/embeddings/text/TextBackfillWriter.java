package com.heimdex.embeddings.text;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.hash.Sha256;
import com.heimdex.embeddings.scene.PendingTextScene;
import com.heimdex.embeddings.scene.SceneTextResult;
import com.heimdex.embeddings.scene.SceneTextRepository;
import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.text.CachingTextEmbedder.CachedEstimate;
import com.heimdex.embeddings.text.CachingTextEmbedder.ResolvedText;
import com.heimdex.embeddings.text.CachingTextEmbedder.ResolvedTexts;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Embeds the pending channel texts of a chunk with one cache lookup and one client call (packed
 * into as few requests as the limits allow) and stores every scene's vectors and metadata in one
 * statement. A text that fails after the client's retries is recorded in its channel's metadata
 * with its code, its column left as it was; an authentication or endpoint failure fails the chunk,
 * so that nothing of it is written and the execution ends FAILED, to be resumed.
 */
class TextBackfillWriter implements ItemWriter<PendingTextScene>, StepExecutionListener {

	private static final Log logger = LogFactory.getLog(TextBackfillWriter.class);

	private final CachingTextEmbedder embedder;

	private final SceneTextRepository sceneTextRepository;

	private final TextChannelMetadata metadata;

	private final boolean dryRun;

	private StepExecution stepExecution;

	TextBackfillWriter(CachingTextEmbedder embedder, SceneTextRepository sceneTextRepository,
			TextChannelMetadata metadata, boolean dryRun) {
		this.embedder = embedder;
		this.sceneTextRepository = sceneTextRepository;
		this.metadata = metadata;
		this.dryRun = dryRun;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends PendingTextScene> chunk) throws InterruptedException {
		List<String> texts = new ArrayList<>();
		chunk.forEach((scene) -> texts.addAll(scene.texts().values()));
		if (this.dryRun) {
			estimate(chunk, texts);
			return;
		}
		ResolvedTexts resolved = this.embedder.embed(texts);
		Instant now = Instant.now();
		long executionId = this.stepExecution.getJobExecutionId();
		List<SceneTextResult> results = new ArrayList<>(chunk.size());
		TextRunCounts counts = new TextRunCounts();
		for (PendingTextScene scene : chunk) {
			Map<TextChannel, float[]> vectors = new EnumMap<>(TextChannel.class);
			Map<TextChannel, Map<String, Object>> entries = new EnumMap<>(TextChannel.class);
			boolean failed = false;
			for (Map.Entry<TextChannel, String> channelText : scene.texts().entrySet()) {
				String hash = Sha256.ofText(channelText.getValue());
				ResolvedText text = resolved.byHash().get(hash);
				entries.put(channelText.getKey(), this.metadata.entry(hash, text, now, executionId));
				counts.texts++;
				if (text.failure() != null) {
					failed = true;
					counts.errors.add(text.failure().code().code());
					logger.warn("Scene " + scene.id() + " channel " + channelText.getKey().key() + ": "
							+ text.failure().code().code() + " (" + text.failure().detail() + ")");
				}
				else {
					vectors.put(channelText.getKey(), text.vector());
					counts.channels.add(channelText.getKey().key());
					counts.cacheHits += text.cached() ? 1 : 0;
				}
			}
			results.add(new SceneTextResult(scene.id(), vectors, this.metadata.patch(entries)));
			counts.failedScenes += failed ? 1 : 0;
		}
		this.sceneTextRepository.write(results);
		RunCounters counters = TextBackfillReport.counters(this.stepExecution);
		counters.add(TextBackfillReport.PROCESSED, chunk.size() - counts.failedScenes);
		counters.add(TextBackfillReport.FAILED, counts.failedScenes);
		counters.add(TextBackfillReport.TEXTS, counts.texts);
		counters.add(TextBackfillReport.CACHE_HITS, counts.cacheHits);
		counters.add(TextBackfillReport.SENT, resolved.sent());
		counters.add(TextBackfillReport.REQUESTS, resolved.requestsSent());
		counters.add(TextBackfillReport.TOKENS, resolved.tokensUsed());
		counters.add(TextBackfillReport.RATE_LIMITED, resolved.rateLimitedResponses());
		counts.channels.forEach((channel) -> counters.add(TextBackfillReport.CHANNEL_PREFIX + channel, 1));
		counts.errors.forEach(counters::addError);
	}

	private void estimate(Chunk<? extends PendingTextScene> chunk, List<String> texts) {
		CachedEstimate estimate = this.embedder.estimate(texts);
		RunCounters counters = TextBackfillReport.counters(this.stepExecution);
		long cacheHits = 0;
		for (PendingTextScene scene : chunk) {
			for (Map.Entry<TextChannel, String> channelText : scene.texts().entrySet()) {
				boolean cached = estimate.cachedHashes().contains(Sha256.ofText(channelText.getValue()));
				cacheHits += cached ? 1 : 0;
				counters.add(TextBackfillReport.CHANNEL_PREFIX + channelText.getKey().key(), 1);
			}
			logger.debug("Dry run: would embed scene " + scene.id() + " (video " + scene.videoId() + ", index "
					+ scene.sceneIndex() + "): " + scene.texts().keySet());
		}
		counters.add(TextBackfillReport.SKIPPED, chunk.size());
		counters.add(TextBackfillReport.TEXTS, texts.size());
		counters.add(TextBackfillReport.CACHE_HITS, cacheHits);
		counters.add(TextBackfillReport.DRY_RUN_TEXTS, estimate.misses().inputs());
		counters.add(TextBackfillReport.DRY_RUN_REQUESTS, estimate.misses().requests());
		counters.add(TextBackfillReport.DRY_RUN_TOKENS, estimate.misses().tokens());
	}

	/** A chunk's counts, added to the run's counters once the chunk is written. */
	private static final class TextRunCounts {

		long texts;

		long cacheHits;

		long failedScenes;

		final List<String> channels = new ArrayList<>();

		final List<String> errors = new ArrayList<>();

	}

}
