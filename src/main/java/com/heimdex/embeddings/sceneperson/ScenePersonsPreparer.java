package com.heimdex.embeddings.sceneperson;

import java.util.ArrayList;
import java.util.List;

import com.heimdex.embeddings.clip.ClipImagePreprocessor;
import com.heimdex.embeddings.pipeline.ImageFailure;
import com.heimdex.embeddings.pipeline.PartsEmbedding;
import com.heimdex.embeddings.pipeline.PreparedImage;
import com.heimdex.embeddings.thumbnail.DecodedThumbnail;
import com.heimdex.embeddings.thumbnail.FetchedThumbnail;
import com.heimdex.embeddings.thumbnail.StorageAuthorizationException;
import com.heimdex.embeddings.thumbnail.ThumbnailDecoder;
import com.heimdex.embeddings.thumbnail.ThumbnailException;
import com.heimdex.embeddings.thumbnail.ThumbnailFailure;
import com.heimdex.embeddings.thumbnail.ThumbnailFetcher;

import org.springframework.batch.infrastructure.item.ItemProcessor;

/**
 * Prepares a scene for the {@code scenePersons} step: its thumbnail fetched and decoded once, the
 * persons found in it, and each person's crop (with its margin, in source pixels, cut from the
 * decoded image) preprocessed for CLIP as any image is. Thread-safe. A thumbnail that cannot be had
 * or a detector that fails becomes the scene's typed failure; the storage refusing its
 * authorization stops the run, as in the other image steps.
 */
public final class ScenePersonsPreparer implements ItemProcessor<PersonScene, PreparedImage<PersonScene>> {

	/** The crops of a prepared scene, and the scene once they are embedded. */
	public static final PartsEmbedding.Parts<PersonScene> PARTS = new PartsEmbedding.Parts<>() {

		@Override
		public List<byte[]> pixels(PersonScene scene) {
			return (scene.crops() != null) ? scene.crops() : List.of();
		}

		@Override
		public PersonScene embedded(PersonScene scene, List<float[]> vectors) {
			return scene.embedded(vectors);
		}

	};

	private final ThumbnailFetcher fetcher;

	private final ThumbnailDecoder decoder;

	private final PersonFinder finder;

	private final ClipImagePreprocessor preprocessor = new ClipImagePreprocessor();

	public ScenePersonsPreparer(ThumbnailFetcher fetcher, ThumbnailDecoder decoder, PersonFinder finder) {
		this.fetcher = fetcher;
		this.decoder = decoder;
		this.finder = finder;
	}

	@Override
	public PreparedImage<PersonScene> process(PersonScene scene) {
		FetchedThumbnail thumbnail;
		try {
			thumbnail = this.fetcher.fetch(scene.thumbnailUrl());
		}
		catch (ThumbnailException ex) {
			return PreparedImage.failed(scene, new ImageFailure.Unavailable(ex.failure(), ex.detail()));
		}
		catch (StorageAuthorizationException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			return unavailable(scene, ThumbnailFailure.HTTP_ERROR, "unexpected failure fetching the image: " + ex);
		}
		try (DecodedThumbnail decoded = this.decoder.decode(thumbnail.bytes())) {
			List<PersonBox> boxes;
			try {
				boxes = this.finder.find(decoded);
			}
			catch (RuntimeException ex) {
				return PreparedImage.failed(scene, new ImageFailure.DetectionFailed(String.valueOf(ex.getMessage())));
			}
			List<byte[]> crops = new ArrayList<>(boxes.size());
			for (PersonBox box : boxes) {
				crops.add(this.preprocessor.levels(this.finder.cropFor(box)
					.subsampled(decoded.subsampling())
					.cut(decoded.image())));
			}
			return new PreparedImage<>(scene.detected(boxes, crops), null, decoded.sourceWidth(), decoded.sourceHeight(),
					null, 0, null);
		}
		catch (ThumbnailException ex) {
			return PreparedImage.failed(scene, new ImageFailure.Unavailable(ex.failure(), ex.detail()));
		}
		catch (RuntimeException ex) {
			return unavailable(scene, ThumbnailFailure.IMAGE_DECODE_FAILED, "unexpected failure decoding the image: " + ex);
		}
	}

	private static PreparedImage<PersonScene> unavailable(PersonScene scene, ThumbnailFailure failure, String detail) {
		return PreparedImage.failed(scene, new ImageFailure.Unavailable(failure, detail));
	}

}
