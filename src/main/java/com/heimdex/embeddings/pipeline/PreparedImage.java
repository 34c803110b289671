package com.heimdex.embeddings.pipeline;

import com.heimdex.embeddings.scene.PendingScene;

/**
 * A scene after its thumbnail was fetched, decoded and preprocessed, and then after its
 * embedding: the CLIP input, then the vector, or the reason there is none.
 *
 * @param scene the scene
 * @param pixels the image resized and cropped for the model: 8-bit R, G, B planes of 224x224
 * ({@link ClipImagePreprocessor#levels}), normalised into the tensor when batched; {@code null}
 * when there is none or once the scene is embedded
 * @param width source image width, 0 when unknown
 * @param height source image height, 0 when unknown
 * @param embedding the CLIP vector once embedded, else {@code null}
 * @param inferenceTimeMs inference time per image of the batch that embedded it
 * @param errorCode stable error code when it failed, else {@code null}
 * @param errorDetail what exactly failed, else {@code null}
 */
public record PreparedImage(PendingScene scene, byte[] pixels, int width, int height, float[] embedding,
		double inferenceTimeMs, String errorCode, String errorDetail) {

	public static PreparedImage ready(PendingScene scene, byte[] pixels, int width, int height) {
		return new PreparedImage(scene, pixels, width, height, null, 0, null, null);
	}

	public static PreparedImage failed(PendingScene scene, String errorCode, String errorDetail) {
		return new PreparedImage(scene, null, 0, 0, null, 0, errorCode, errorDetail);
	}

	/** A dry run's item: nothing fetched. */
	public static PreparedImage notFetched(PendingScene scene) {
		return new PreparedImage(scene, null, 0, 0, null, 0, null, null);
	}

	/** This scene with its vector; the pixels are let go. */
	public PreparedImage embedded(float[] vector, double timeMs) {
		return new PreparedImage(this.scene, null, this.width, this.height, vector, timeMs, null, null);
	}

	/** This scene failed at inference; the pixels are let go. */
	public PreparedImage inferenceFailed(String code, String detail) {
		return new PreparedImage(this.scene, null, this.width, this.height, null, 0, code, detail);
	}

	/** Whether it waits for inference: its pixels are there. */
	public boolean isReady() {
		return this.pixels != null;
	}

	public boolean isEmbedded() {
		return this.embedding != null;
	}

}
