package com.heimdex.embeddings.clip;

import java.util.function.Function;

import com.heimdex.embeddings.pipeline.BatchEmbedding;
import com.heimdex.embeddings.pipeline.ImageEmbeddingPipeline;
import com.heimdex.embeddings.pipeline.ImageSource;
import com.heimdex.embeddings.pipeline.PartsEmbedding;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailFetcher;

import org.springframework.batch.infrastructure.item.ItemProcessor;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Builds the CLIP image-embedding pipeline of a step over any items that have an image (scene
 * thumbnails, person photos): images prepared ahead on the thumbnail pool and embedded in batches
 * while the step writes the chunk before.
 */
@Component
public class ClipImagePipelines {

	/** Chunks' worth of items whose images are prepared ahead of the embedding. */
	static final int LOOKAHEAD_CHUNKS = 2;

	private final ThumbnailFetcher fetcher;

	private final ThumbnailDecoder decoder;

	private final ClipImageEmbedder embedder;

	private final ThreadPoolTaskExecutor thumbnailExecutor;

	ClipImagePipelines(ThumbnailFetcher fetcher, ThumbnailDecoder decoder, ClipImageEmbedder embedder,
			@Qualifier("thumbnailExecutor") ThreadPoolTaskExecutor thumbnailExecutor) {
		this.fetcher = fetcher;
		this.decoder = decoder;
		this.embedder = embedder;
		this.thumbnailExecutor = thumbnailExecutor;
	}

	/**
	 * @param items the items in order, with their restart state
	 * @param sourceOf where an item's image is
	 * @param chunkSize the step's chunk size
	 * @param clipTimeoutSeconds inference budget per image
	 * @param processingDelaySeconds pause between items (paces them one after the other), 0 for none
	 * @param dryRun hand the items out unfetched and unembedded
	 */
	public <T> ImageEmbeddingPipeline<T> create(ItemStreamReader<T> items, Function<T, ImageSource> sourceOf,
			int chunkSize, double clipTimeoutSeconds, double processingDelaySeconds, boolean dryRun) {
		// Images are prepared and embedded ahead, while the step writes the chunk before, except in
		// a dry run (nothing to prepare) and when a processing delay paces items one after the other.
		int lookahead = (processingDelaySeconds == 0 && !dryRun) ? LOOKAHEAD_CHUNKS * chunkSize : 0;
		// as many as can be prepared and not yet embedded at once
		LevelsBuffers levelsBuffers = new LevelsBuffers(lookahead + this.thumbnailExecutor.getMaxPoolSize());
		ItemProcessor<T, PreparedImage<T>> preparer = dryRun ? PreparedImage::notFetched
				: new ClipImagePreparer<>(sourceOf, this.fetcher, this.decoder, new ClipImagePreprocessor(), levelsBuffers,
						processingDelaySeconds);
		BatchEmbedding<T> embedding = dryRun ? BatchEmbedding.none()
				: new ClipBatchEmbedder<>(this.embedder, clipTimeoutSeconds, levelsBuffers);
		return new ImageEmbeddingPipeline<>(items, preparer, this.thumbnailExecutor, embedding, lookahead,
				chunkSize + ClipBatchEmbedder.MAX_BATCH, chunkSize);
	}

	/**
	 * The pipeline of items whose image gives several parts to embed (the persons a detector finds
	 * in a thumbnail): each item's image is fetched and decoded once by {@code preparer}, on the
	 * thumbnail pool, which cuts and preprocesses its parts ({@link ClipImagePreprocessor#levels});
	 * the parts of consecutive items are embedded together in CLIP batches.
	 *
	 * @param items the items in order, with their restart state
	 * @param preparer prepares an item and its parts; thread-safe
	 * @param parts the parts of a prepared item, and the item once they are embedded
	 * @param chunkSize the step's chunk size
	 * @param clipTimeoutSeconds inference budget per image
	 * @param dryRun hand the items out unfetched and unembedded
	 */
	public <T> ImageEmbeddingPipeline<T> createWithParts(ItemStreamReader<T> items,
			ItemProcessor<T, PreparedImage<T>> preparer, PartsEmbedding.Parts<T> parts, int chunkSize,
			double clipTimeoutSeconds, boolean dryRun) {
		int lookahead = dryRun ? 0 : LOOKAHEAD_CHUNKS * chunkSize;
		BatchEmbedding<T> embedding = dryRun ? BatchEmbedding.none()
				: new PartsEmbedding<>(new ClipBatchEmbedder<>(this.embedder, clipTimeoutSeconds,
						new LevelsBuffers(this.thumbnailExecutor.getMaxPoolSize())), parts);
		return new ImageEmbeddingPipeline<>(items, dryRun ? PreparedImage::notFetched : preparer,
				this.thumbnailExecutor, embedding, lookahead, chunkSize + ClipBatchEmbedder.MAX_BATCH, chunkSize);
	}

}
