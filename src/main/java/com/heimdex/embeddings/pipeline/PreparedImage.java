package com.heimdex.embeddings.pipeline;

/**
 * An item after its image was fetched, decoded, cropped and preprocessed, and then after its
 * embedding: the model input, then the vector, or the reason there is none.
 *
 * @param <T> what is embedded (a scene, a photo, a detection)
 * @param item the item
 * @param pixels the image resized and cropped for the model (for CLIP: 8-bit R, G, B planes of
 * 224x224), normalised into the tensor when batched; {@code null} when there is none or once the
 * item is embedded
 * @param width source image width, 0 when unknown
 * @param height source image height, 0 when unknown
 * @param embedding the vector once embedded, else {@code null}
 * @param inferenceTimeMs inference time per image of the batch that embedded it
 * @param failure why it has no vector, else {@code null}
 */
public record PreparedImage<T>(T item, byte[] pixels, int width, int height, float[] embedding,
		double inferenceTimeMs, ImageFailure failure) {

	public static <T> PreparedImage<T> ready(T item, byte[] pixels, int width, int height) {
		return new PreparedImage<>(item, pixels, width, height, null, 0, null);
	}

	public static <T> PreparedImage<T> failed(T item, ImageFailure failure) {
		return new PreparedImage<>(item, null, 0, 0, null, 0, failure);
	}

	/** A dry run's item: nothing fetched. */
	public static <T> PreparedImage<T> notFetched(T item) {
		return new PreparedImage<>(item, null, 0, 0, null, 0, null);
	}

	/** This item with its vector; the pixels are let go. */
	public PreparedImage<T> embedded(float[] vector, double timeMs) {
		return new PreparedImage<>(this.item, null, this.width, this.height, vector, timeMs, null);
	}

	/** This item failed at inference; the pixels are let go. */
	public PreparedImage<T> inferenceFailed(ImageFailure.InferenceFailed failure) {
		return new PreparedImage<>(this.item, null, this.width, this.height, null, 0, failure);
	}

	/** Whether it waits for inference: its pixels are there. */
	public boolean isReady() {
		return this.pixels != null;
	}

	public boolean isEmbedded() {
		return this.embedding != null;
	}

}
