package com.heimdex.embeddings.clip;

import java.time.Instant;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.scene.PendingClipScene;
import com.heimdex.embeddings.scene.SceneClipRepository;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Stores a chunk's scenes, each with its CLIP vector or the reason it has none, in one statement.
 * A database failure fails the chunk, never a scene.
 */
class ClipEmbeddingWriter implements ItemWriter<PreparedImage<PendingClipScene>>, StepExecutionListener {

	private static final Log logger = LogFactory.getLog(ClipEmbeddingWriter.class);

	private final SceneClipRepository sceneClipRepository;

	private final ClipMetadata metadata;

	private final ClipBackfillParameters parameters;

	private StepExecution stepExecution;

	ClipEmbeddingWriter(SceneClipRepository sceneClipRepository, ClipMetadata metadata, ClipBackfillParameters parameters) {
		this.sceneClipRepository = sceneClipRepository;
		this.metadata = metadata;
		this.parameters = parameters;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends PreparedImage<PendingClipScene>> chunk) {
		// Counted once the chunk is stored: a chunk that fails is not counted, and is processed again on resume.
		RunCounters counters = ClipBackfillReport.counters(this.stepExecution);
		if (this.parameters.dryRun()) {
			chunk.forEach((scene) -> logger.info("Dry run: would embed scene " + scene.item().id() + " (video "
					+ scene.item().videoId() + ", index " + scene.item().sceneIndex() + "): "
					+ scene.item().thumbnailUrl()));
			counters.add(ClipBackfillReport.PROCESSED, chunk.size());
			counters.add(ClipBackfillReport.DRY_RUN, chunk.size());
			return;
		}
		this.sceneClipRepository.writeClip(
				this.metadata.results(chunk.getItems(), Instant.now(), this.stepExecution.getJobExecutionId()));
		counters.add(ClipBackfillReport.PROCESSED, chunk.size());
		chunk.forEach((scene) -> {
			if (scene.isEmbedded()) {
				counters.add(ClipBackfillReport.UPDATED, 1);
			}
			else {
				counters.add(ClipBackfillReport.ERRORS, 1);
				counters.addError(ClipMetadata.errorCode(scene.failure()));
			}
		});
	}

}
