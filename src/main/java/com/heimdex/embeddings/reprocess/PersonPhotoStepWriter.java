package com.heimdex.embeddings.reprocess;

import java.time.Instant;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.clip.ClipMetadata;
import com.heimdex.embeddings.person.PendingPhoto;
import com.heimdex.embeddings.person.PersonPhotoRepository;
import com.heimdex.embeddings.person.PhotoMetadata;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.spec.EmbeddingSpec;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/** The {@code personPhotos} step's writer: a chunk's photos READY with their vectors, or FAILED with a code. */
class PersonPhotoStepWriter implements ItemWriter<PreparedImage<PendingPhoto>>, StepExecutionListener {

	static final String READY = "ready";

	private final PersonPhotoRepository repository;

	private final PhotoMetadata metadata;

	private final boolean dryRun;

	private StepExecution stepExecution;

	PersonPhotoStepWriter(PersonPhotoRepository repository, PhotoMetadata metadata, boolean dryRun) {
		this.repository = repository;
		this.metadata = metadata;
		this.dryRun = dryRun;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends PreparedImage<PendingPhoto>> chunk) {
		RunCounters counters = ReprocessStepReport.counters(this.stepExecution, EmbeddingSpec.PERSON_PHOTOS);
		if (!this.dryRun) {
			this.repository.write(
					this.metadata.results(chunk.getItems(), Instant.now(), this.stepExecution.getJobExecutionId()));
		}
		counters.add(ReprocessStepReport.PROCESSED, chunk.size());
		for (PreparedImage<PendingPhoto> photo : chunk) {
			if (photo.isEmbedded()) {
				counters.add(READY, 1);
			}
			else if (photo.failure() != null) {
				counters.add(ReprocessStepReport.ERRORS, 1);
				counters.addError(ClipMetadata.errorCode(photo.failure()));
			}
		}
	}

}
