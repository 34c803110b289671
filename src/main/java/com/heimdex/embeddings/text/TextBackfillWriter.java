package com.heimdex.embeddings.text;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.hash.Sha256;
import com.heimdex.embeddings.scene.PendingTextScene;
import com.heimdex.embeddings.scene.SceneTextRepository;
import com.heimdex.embeddings.scene.TextChannel;
import com.heimdex.embeddings.text.CachingTextEmbedder.CachedEstimate;
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

	private final SceneTextEmbedder sceneTexts;

	private final SceneTextRepository sceneTextRepository;

	private final boolean dryRun;

	private StepExecution stepExecution;

	TextBackfillWriter(SceneTextEmbedder sceneTexts, SceneTextRepository sceneTextRepository, boolean dryRun) {
		this.sceneTexts = sceneTexts;
		this.sceneTextRepository = sceneTextRepository;
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
		SceneTextEmbedder.EmbeddedScenes embedded = this.sceneTexts.embed(chunk.getItems(),
				this.stepExecution.getJobExecutionId());
		this.sceneTextRepository.write(embedded.results());
		RunCounters counters = TextBackfillReport.counters(this.stepExecution);
		counters.add(TextBackfillReport.PROCESSED, chunk.size() - embedded.failedScenes());
		counters.add(TextBackfillReport.FAILED, embedded.failedScenes());
		counters.add(TextBackfillReport.TEXTS, embedded.texts());
		counters.add(TextBackfillReport.CACHE_HITS, embedded.cacheHits());
		counters.add(TextBackfillReport.SENT, embedded.sent());
		counters.add(TextBackfillReport.REQUESTS, embedded.requests());
		counters.add(TextBackfillReport.TOKENS, embedded.tokens());
		counters.add(TextBackfillReport.RATE_LIMITED, embedded.rateLimited());
		embedded.channels().forEach((channel) -> counters.add(TextBackfillReport.CHANNEL_PREFIX + channel, 1));
		embedded.errors().forEach(counters::addError);
	}

	private void estimate(Chunk<? extends PendingTextScene> chunk, List<String> texts) {
		CachedEstimate estimate = this.sceneTexts.estimate(texts);
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

}
