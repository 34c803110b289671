package com.heimdex.embeddings.pipeline;

import com.heimdex.embeddings.thumbnail.ThumbnailFailure;

/**
 * Why an image got no vector. Each job maps these to the error codes of its own metadata.
 */
public sealed interface ImageFailure {

	/** What exactly failed, for the metadata's detail; never a credential. */
	String detail();

	/**
	 * The image could not be had: not fetched, not decodable, refused by a limit, or its crop box
	 * does not fit it.
	 *
	 * @param reason why, as the image fetcher and decoder classify it
	 * @param detail what exactly failed
	 */
	record Unavailable(ThumbnailFailure reason, String detail) implements ImageFailure {
	}

	/**
	 * The model failed on the batch that held the image.
	 *
	 * @param timedOut whether the batch was over its time budget, rather than the model failing
	 * @param detail what exactly failed
	 */
	record InferenceFailed(boolean timedOut, String detail) implements ImageFailure {
	}

	/**
	 * The person detector failed on the image (the parts to embed could not be found).
	 *
	 * @param detail what exactly failed
	 */
	record DetectionFailed(String detail) implements ImageFailure {
	}

}
