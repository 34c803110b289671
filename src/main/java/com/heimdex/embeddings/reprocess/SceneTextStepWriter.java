package com.heimdex.embeddings.reprocess;

import java.util.ArrayList;
import java.util.List;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.scene.PendingTextScene;
import com.heimdex.embeddings.scene.SceneTextRepository;
import com.heimdex.embeddings.spec.EmbeddingSpec;
import com.heimdex.embeddings.text.CachingTextEmbedder.CachedEstimate;
import com.heimdex.embeddings.text.SceneTextEmbedder;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The {@code sceneText} step's writer: a chunk's pending channel texts embedded with
 * {@code textBackfill}'s cache, packing, budgets and retries, stored in one statement. A failed text
 * keeps its channel's vector and records the failure in the channel's metadata.
 */
class SceneTextStepWriter implements ItemWriter<PendingTextScene>, StepExecutionListener {

	static final String TEXTS = "texts";

	static final String REQUESTS = "requests";

	static final String TOKENS = "tokens";

	static final String CACHE_HITS = "cacheHits";

	private final SceneTextEmbedder sceneTexts;

	private final SceneTextRepository repository;

	private final boolean dryRun;

	private StepExecution stepExecution;

	SceneTextStepWriter(SceneTextEmbedder sceneTexts, SceneTextRepository repository, boolean dryRun) {
		this.sceneTexts = sceneTexts;
		this.repository = repository;
		this.dryRun = dryRun;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends PendingTextScene> chunk) throws InterruptedException {
		RunCounters counters = ReprocessStepReport.counters(this.stepExecution, EmbeddingSpec.SCENE_TEXT);
		if (this.dryRun) {
			List<String> texts = new ArrayList<>();
			chunk.forEach((scene) -> texts.addAll(scene.texts().values()));
			CachedEstimate estimate = this.sceneTexts.estimate(texts);
			counters.add(ReprocessStepReport.PROCESSED, chunk.size());
			counters.add(TEXTS, texts.size());
			counters.add(REQUESTS, estimate.misses().requests());
			counters.add(TOKENS, estimate.misses().tokens());
			return;
		}
		SceneTextEmbedder.EmbeddedScenes embedded = this.sceneTexts.embed(chunk.getItems(),
				this.stepExecution.getJobExecutionId());
		this.repository.write(embedded.results());
		counters.add(ReprocessStepReport.PROCESSED, chunk.size());
		counters.add(ReprocessStepReport.ERRORS, embedded.failedScenes());
		counters.add(TEXTS, embedded.texts());
		counters.add(REQUESTS, embedded.requests());
		counters.add(TOKENS, embedded.tokens());
		counters.add(CACHE_HITS, embedded.cacheHits());
		embedded.errors().forEach(counters::addError);
	}

}
