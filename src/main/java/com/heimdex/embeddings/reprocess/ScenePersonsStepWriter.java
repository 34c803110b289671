package com.heimdex.embeddings.reprocess;

import java.time.Instant;
import java.util.List;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.clip.ClipMetadata;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.sceneperson.PersonScene;
import com.heimdex.embeddings.sceneperson.ScenePersonRepository;
import com.heimdex.embeddings.sceneperson.ScenePersonsMetadata;
import com.heimdex.embeddings.sceneperson.ScenePersonsResult;
import com.heimdex.embeddings.spec.EmbeddingSpec;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The {@code scenePersons} step's writer: each scene's detections replace its previous ones (ids
 * kept for boxes found again) and are matched to the owner's persons, or its failure is recorded
 * beside its previous detections, all in the chunk's transaction; then the chunk is counted.
 */
class ScenePersonsStepWriter implements ItemWriter<PreparedImage<PersonScene>>, StepExecutionListener {

	/** Persons found, over the scenes written. */
	static final String DETECTIONS = "detections";

	private final ScenePersonRepository repository;

	private final ScenePersonsMetadata metadata;

	private final String specFingerprint;

	private final double matchThreshold;

	private final boolean dryRun;

	private StepExecution stepExecution;

	ScenePersonsStepWriter(ScenePersonRepository repository, ScenePersonsMetadata metadata, String specFingerprint,
			double matchThreshold, boolean dryRun) {
		this.repository = repository;
		this.metadata = metadata;
		this.specFingerprint = specFingerprint;
		this.matchThreshold = matchThreshold;
		this.dryRun = dryRun;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends PreparedImage<PersonScene>> chunk) {
		RunCounters counters = ReprocessStepReport.counters(this.stepExecution, EmbeddingSpec.SCENE_PERSONS);
		counters.add(ReprocessStepReport.PROCESSED, chunk.size());
		if (this.dryRun) {
			return;
		}
		List<ScenePersonsResult> results = this.metadata.results(chunk.getItems(), Instant.now(),
				this.stepExecution.getJobExecutionId());
		this.repository.write(results, this.metadata.detectorJson(), this.specFingerprint, this.matchThreshold);
		for (PreparedImage<PersonScene> scene : chunk) {
			if (scene.failure() != null) {
				counters.add(ReprocessStepReport.ERRORS, 1);
				counters.addError(ClipMetadata.errorCode(scene.failure()));
			}
			else {
				counters.add(DETECTIONS, scene.item().boxes().size());
			}
		}
	}

}
