package com.heimdex.embeddings.clip;

import java.awt.image.BufferedImage;
import java.time.Duration;
import java.util.function.Function;

import com.heimdex.embeddings.pipeline.ImageFailure;
import com.heimdex.embeddings.pipeline.ImageSource;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;
import com.heimdex.embeddings.thumbnail.FetchedThumbnail;
import com.heimdex.embeddings.thumbnail.StorageAuthorizationException;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailException;
import com.heimdex.embeddings.thumbnail.ThumbnailFailure;
import com.heimdex.embeddings.thumbnail.ThumbnailFetcher;
import io.github.bucket4j.Bucket;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Fetches, decodes, crops and preprocesses one item's image for CLIP. Thread-safe: the images of
 * several items are prepared at once, ahead of the chunk being embedded. An image that cannot be
 * had becomes the item's typed failure, not an exception, whatever the failure: the run goes on;
 * except the storage refusing its authorization, which would fail every storage path alike and
 * stops the run ({@link StorageAuthorizationException}).
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
		FetchedThumbnail thumbnail;
		try {
			thumbnail = this.fetcher.fetch(source.location());
		}
		catch (ThumbnailException ex) {
			return PreparedImage.failed(item, new ImageFailure.Unavailable(ex.failure(), ex.detail()));
		}
		catch (StorageAuthorizationException ex) {
			// every storage path would fail the same way: the run stops, the items stay untouched
			throw ex;
		}
		catch (RuntimeException ex) {
			return unexpected(item, ThumbnailFailure.HTTP_ERROR, "fetching", ex);
		}
		try (DecodedThumbnail decoded = this.decoder.decode(thumbnail.bytes())) {
			BufferedImage embedded = decoded.image();
			if (source.crop() != null) {
				try {
					embedded = source.crop().subsampled(decoded.subsampling()).cut(embedded);
				}
				catch (IllegalArgumentException ex) {
					return PreparedImage.failed(item,
							new ImageFailure.Unavailable(ThumbnailFailure.IMAGE_DECODE_FAILED, ex.getMessage()));
				}
			}
			byte[] levels = this.preprocessor.levels(embedded, this.levelsBuffers.take());
			return PreparedImage.ready(item, levels, decoded.sourceWidth(), decoded.sourceHeight());
		}
		catch (ThumbnailException ex) {
			return PreparedImage.failed(item, new ImageFailure.Unavailable(ex.failure(), ex.detail()));
		}
		catch (RuntimeException ex) {
			return unexpected(item, ThumbnailFailure.IMAGE_DECODE_FAILED, "decoding", ex);
		}
	}

	/**
	 * A failure nothing above foresaw (a codec's or the HTTP client's own bug, say) is the item's,
	 * not the run's: one odd image must not stop, and then on every resume stop again, a run.
	 */
	private static <T> PreparedImage<T> unexpected(T item, ThumbnailFailure failure, String stage,
			RuntimeException ex) {
		ThumbnailException failed = new ThumbnailException(failure, "unexpected failure " + stage + " the image: " + ex);
		return PreparedImage.failed(item, new ImageFailure.Unavailable(failed.failure(), failed.detail()));
	}

	private static Bucket oneScenePer(double seconds) {
		Duration interval = Duration.ofNanos(Math.round(seconds * 1_000_000_000L));
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, interval).initialTokens(1))
			.build();
	}

}
