package com.heimdex.embeddings.clip;

import java.awt.image.BufferedImage;
import java.time.Duration;

import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.scene.PendingScene;
import com.heimdex.embeddings.thumbnail.FetchedThumbnail;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailException;
import com.heimdex.embeddings.thumbnail.ThumbnailFetcher;
import io.github.bucket4j.Bucket;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Fetches, decodes and preprocesses one scene's thumbnail. Thread-safe: the thumbnails of
 * several scenes are prepared at once, ahead of the chunk being embedded. A thumbnail that
 * cannot be had becomes a recorded failure, not an exception: the run goes on.
 */
class ClipImagePreparer implements ItemProcessor<PendingScene, PreparedImage> {

	private final ThumbnailFetcher fetcher;

	private final ThumbnailDecoder decoder;

	private final ClipImagePreprocessor preprocessor;

	private final LevelsBuffers levelsBuffers;

	/** Paces scenes when the operator asked for a processing delay; {@code null} for none. */
	private final Bucket pacing;

	ClipImagePreparer(ThumbnailFetcher fetcher, ThumbnailDecoder decoder, ClipImagePreprocessor preprocessor,
			LevelsBuffers levelsBuffers, double processingDelaySeconds) {
		this.fetcher = fetcher;
		this.decoder = decoder;
		this.preprocessor = preprocessor;
		this.levelsBuffers = levelsBuffers;
		this.pacing = (processingDelaySeconds > 0) ? oneScenePer(processingDelaySeconds) : null;
	}

	@Override
	public PreparedImage process(PendingScene scene) throws InterruptedException {
		if (this.pacing != null) {
			this.pacing.asBlocking().consume(1);
		}
		try {
			FetchedThumbnail thumbnail = this.fetcher.fetch(scene.thumbnailUrl());
			BufferedImage image = this.decoder.decode(thumbnail.bytes());
			byte[] levels = this.preprocessor.levels(image, this.levelsBuffers.take());
			return PreparedImage.ready(scene, levels, image.getWidth(), image.getHeight());
		}
		catch (ThumbnailException ex) {
			return PreparedImage.failed(scene, ex.code(), ex.detail());
		}
	}

	private static Bucket oneScenePer(double seconds) {
		Duration interval = Duration.ofNanos(Math.round(seconds * 1_000_000_000L));
		return Bucket.builder()
			.addLimit((limit) -> limit.capacity(1).refillGreedy(1, interval).initialTokens(1))
			.build();
	}

}
