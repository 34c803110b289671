package com.heimdex.embeddings.reprocess;

import java.time.Instant;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.clip.ClipMetadata;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.scene.PendingClipScene;
import com.heimdex.embeddings.scene.SceneClipRepository;
import com.heimdex.embeddings.spec.EmbeddingSpec;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The {@code sceneClip} step's writer: a chunk's scenes with their new CLIP vectors, or their
 * failures (a scene that had a vector keeps it), stored in one statement as {@code clipBackfill}
 * stores them.
 */
class SceneClipStepWriter implements ItemWriter<PreparedImage<PendingClipScene>>, StepExecutionListener {

	static final String IMAGES = "images";

	private final SceneClipRepository repository;

	private final ClipMetadata metadata;

	private final boolean dryRun;

	private StepExecution stepExecution;

	SceneClipStepWriter(SceneClipRepository repository, ClipMetadata metadata, boolean dryRun) {
		this.repository = repository;
		this.metadata = metadata;
		this.dryRun = dryRun;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends PreparedImage<PendingClipScene>> chunk) {
		RunCounters counters = ReprocessStepReport.counters(this.stepExecution, EmbeddingSpec.SCENE_CLIP);
		if (!this.dryRun) {
			this.repository.writeClip(
					this.metadata.results(chunk.getItems(), Instant.now(), this.stepExecution.getJobExecutionId()));
		}
		counters.add(ReprocessStepReport.PROCESSED, chunk.size());
		for (PreparedImage<PendingClipScene> scene : chunk) {
			if (scene.isEmbedded()) {
				counters.add(IMAGES, 1);
			}
			else if (scene.failure() != null) {
				counters.add(ReprocessStepReport.ERRORS, 1);
				counters.addError(ClipMetadata.errorCode(scene.failure()));
			}
		}
	}

}
