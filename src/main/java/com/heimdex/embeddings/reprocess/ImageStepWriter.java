package com.heimdex.embeddings.reprocess;

import java.time.Instant;
import java.util.List;

import com.heimdex.embeddings.batch.RunCounters;
import com.heimdex.embeddings.clip.ClipMetadata;
import com.heimdex.embeddings.pipeline.PreparedImage;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * The writer of a step that embeds images through the pipeline ({@code sceneClip}: scenes'
 * thumbnails; {@code personPhotos}: reference photos): stores the chunk's vectors, or their
 * failures (an item that had a vector keeps it), in one statement, and counts them.
 *
 * @param <T> what is embedded
 */
final class ImageStepWriter<T> implements ItemWriter<PreparedImage<T>>, StepExecutionListener {

	/** How a chunk's items are stored: vectors and metadata, in the chunk's transaction. */
	@FunctionalInterface
	interface Store<T> {

		void store(List<? extends PreparedImage<T>> items, Instant now, long jobExecutionId);

	}

	private final String step;

	private final String embeddedCount;

	private final Store<T> store;

	private final boolean dryRun;

	private StepExecution stepExecution;

	/**
	 * @param step the spec step, whose counters these are
	 * @param embeddedCount the counter of items embedded ({@code images}, {@code ready})
	 */
	ImageStepWriter(String step, String embeddedCount, Store<T> store, boolean dryRun) {
		this.step = step;
		this.embeddedCount = embeddedCount;
		this.store = store;
		this.dryRun = dryRun;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
	}

	@Override
	public void write(Chunk<? extends PreparedImage<T>> chunk) {
		RunCounters counters = ReprocessStepReport.counters(this.stepExecution, this.step);
		if (!this.dryRun) {
			this.store.store(chunk.getItems(), Instant.now(), this.stepExecution.getJobExecutionId());
		}
		counters.add(ReprocessStepReport.PROCESSED, chunk.size());
		for (PreparedImage<T> item : chunk) {
			if (item.isEmbedded()) {
				counters.add(this.embeddedCount, 1);
			}
			else if (item.failure() != null) {
				counters.add(ReprocessStepReport.ERRORS, 1);
				counters.addError(ClipMetadata.errorCode(item.failure()));
			}
		}
	}

}
