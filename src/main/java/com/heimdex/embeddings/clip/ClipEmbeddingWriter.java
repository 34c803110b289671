package com.heimdex.embeddings.clip;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.scene.PendingClipScene;
import com.heimdex.embeddings.scene.SceneClipResult;
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

	private final int dimensions;

	private StepExecution stepExecution;

	ClipEmbeddingWriter(SceneClipRepository sceneClipRepository, ClipMetadata metadata, ClipBackfillParameters parameters,
			int dimensions) {
		this.sceneClipRepository = sceneClipRepository;
		this.metadata = metadata;
		this.parameters = parameters;
		this.dimensions = dimensions;
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
		Instant now = Instant.now();
		long executionId = this.stepExecution.getJobExecutionId();
		List<SceneClipResult> results = new ArrayList<>(chunk.size());
		for (PreparedImage<PendingClipScene> scene : chunk) {
			if (scene.isEmbedded()) {
				results.add(new SceneClipResult(scene.item().id(), scene.embedding(), this.metadata.success(scene,
						this.dimensions, scene.inferenceTimeMs(), now, executionId)));
			}
			else {
				results.add(new SceneClipResult(scene.item().id(), null, this.metadata.failure(scene, this.dimensions,
						ClipMetadata.errorCode(scene.failure()), scene.failure().detail(), now, executionId)));
			}
		}
		this.sceneClipRepository.writeClip(results);
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
