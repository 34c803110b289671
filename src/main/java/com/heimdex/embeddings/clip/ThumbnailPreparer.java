package com.heimdex.embeddings.clip;

import java.time.Duration;

import com.heimdex.embeddings.scene.PendingScene;
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
 * Fetches, decodes and preprocesses one scene's thumbnail. Thread-safe: the thumbnails of
 * several scenes are prepared at once, ahead of the chunk being embedded. A thumbnail that
 * cannot be had becomes a recorded failure, not an exception, whatever the failure: the run goes
 * on; except the storage refusing its authorization, which would fail every storage path alike
 * and stops the run ({@link StorageAuthorizationException}).
 */
class ThumbnailPreparer implements ItemProcessor<PendingScene, PreparedScene> {

	private final ThumbnailFetcher fetcher;

	private final ThumbnailDecoder decoder;

	private final ClipImagePreprocessor preprocessor;

	private final LevelsBuffers levelsBuffers;

	/** Paces scenes when the operator asked for a processing delay; {@code null} for none. */
	private final Bucket pacing;

	ThumbnailPreparer(ThumbnailFetcher fetcher, ThumbnailDecoder decoder, ClipImagePreprocessor preprocessor,
			LevelsBuffers levelsBuffers, double processingDelaySeconds) {
		this.fetcher = fetcher;
		this.decoder = decoder;
		this.preprocessor = preprocessor;
		this.levelsBuffers = levelsBuffers;
		this.pacing = (processingDelaySeconds > 0) ? oneScenePer(processingDelaySeconds) : null;
	}

	@Override
	public PreparedScene process(PendingScene scene) throws InterruptedException {
		if (this.pacing != null) {
			this.pacing.asBlocking().consume(1);
		}
		FetchedThumbnail thumbnail;
		try {
			thumbnail = this.fetcher.fetch(scene.thumbnailUrl());
		}
		catch (ThumbnailException ex) {
			return PreparedScene.failed(scene, ex.code(), ex.detail());
		}
		catch (StorageAuthorizationException ex) {
			// every storage path would fail the same way: the run stops, the scenes stay untouched
			throw ex;
		}
		catch (RuntimeException ex) {
			return unexpected(scene, ThumbnailFailure.HTTP_ERROR, "fetching", ex);
		}
		try (DecodedThumbnail decoded = this.decoder.decode(thumbnail.bytes())) {
			byte[] levels = this.preprocessor.levels(decoded.image(), this.levelsBuffers.take());
			return PreparedScene.ready(scene, levels, decoded.sourceWidth(), decoded.sourceHeight());
		}
		catch (ThumbnailException ex) {
			return PreparedScene.failed(scene, ex.code(), ex.detail());
		}
		catch (RuntimeException ex) {
			return unexpected(scene, ThumbnailFailure.IMAGE_DECODE_FAILED, "decoding", ex);
		}
	}

	/**
	 * A failure nothing above foresaw (a codec's or the HTTP client's own bug, say) is the scene's,
	 * not the run's: one odd thumbnail must not stop, and then on every resume stop again, a run.
	 */
	private static PreparedScene unexpected(PendingScene scene, ThumbnailFailure failure, String stage,
			RuntimeException ex) {
		ThumbnailException failed = new ThumbnailException(failure, "unexpected failure " + stage + " the thumbnail: " + ex);
		return PreparedScene.failed(scene, failed.code(), failed.detail());
	}

	private static Bucket oneScenePer(double seconds) {
		Duration interval = Duration.ofNanos(Math.round(seconds * 1_000_000_000L));
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, interval).initialTokens(1))
			.build();
	}

}
