package com.heimdex.embeddings.clip;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.function.Function;

import com.heimdex.embeddings.pipeline.ImageFailure;
import com.heimdex.embeddings.pipeline.ImageSource;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.thumbnail.FetchedThumbnail;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailException;
import com.heimdex.embeddings.thumbnail.ThumbnailFailure;
import com.heimdex.embeddings.thumbnail.ThumbnailFetcher;
import io.github.bucket4j.Bucket;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Fetches, decodes, crops and preprocesses one item's image for CLIP. Thread-safe: the images of
 * several items are prepared at once, ahead of the chunk being embedded. An image that cannot be
 * had becomes the item's typed failure, not an exception: the run goes on.
 *
 * @param <T> what is embedded
 */
class ClipImagePreparer<T> implements ItemProcessor<T, PreparedImage<T>> {

	private final Function<T, ImageSource> sourceOf;

	private final ThumbnailFetcher fetcher;

	private final ThumbnailDecoder decoder;

	private final ClipImagePreprocessor preprocessor;

	private final LevelsBuffers levelsBuffers;

	/** Paces scenes when the operator asked for a processing delay; {@code null} for none. */
	private final Bucket pacing;

	/** @param sourceOf where an item's image is */
	ClipImagePreparer(Function<T, ImageSource> sourceOf, ThumbnailFetcher fetcher, ThumbnailDecoder decoder,
			ClipImagePreprocessor preprocessor, LevelsBuffers levelsBuffers, double processingDelaySeconds) {
		this.sourceOf = sourceOf;
		this.fetcher = fetcher;
		this.decoder = decoder;
		this.preprocessor = preprocessor;
		this.levelsBuffers = levelsBuffers;
		this.pacing = (processingDelaySeconds > 0) ? oneScenePer(processingDelaySeconds) : null;
	}

	@Override
	public PreparedImage<T> process(T item) throws InterruptedException {
		if (this.pacing != null) {
			this.pacing.asBlocking().consume(1);
		}
		ImageSource source = this.sourceOf.apply(item);
		try {
			FetchedThumbnail thumbnail = this.fetcher.fetch(source.location());
			BufferedImage image = this.decoder.decode(thumbnail.bytes());
			BufferedImage embedded = image;
			if (source.crop() != null) {
				try {
					embedded = source.crop().cut(image);
				}
				catch (IllegalArgumentException ex) {
					return PreparedImage.failed(item,
							new ImageFailure.Unavailable(ThumbnailFailure.IMAGE_DECODE_FAILED, ex.getMessage()));
				}
			}
			byte[] levels = this.preprocessor.levels(embedded, this.levelsBuffers.take());
			return PreparedImage.ready(item, levels, image.getWidth(), image.getHeight());
		}
		catch (ThumbnailException ex) {
			return PreparedImage.failed(item, new ImageFailure.Unavailable(ex.failure(), ex.detail()));
		}
	}

	private static Bucket oneScenePer(double seconds) {
		Duration interval = Duration.ofNanos(Math.round(seconds * 1_000_000_000L));
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, interval).initialTokens(1))
			.build();
	}

}
