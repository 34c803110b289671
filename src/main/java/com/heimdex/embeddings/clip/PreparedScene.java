package com.heimdex.embeddings.clip;

import com.heimdex.embeddings.scene.PendingScene;

/**
 * A scene after its thumbnail was fetched, decoded and preprocessed: either the CLIP input tensor
 * or the reason there is none.
 *
 * @param scene the scene
 * @param pixels the image resized and cropped for the model: 8-bit R, G, B planes of 224x224
 * ({@link ClipImagePreprocessor#levels}), normalised into the tensor when batched; {@code null}
 * when there is none
 * @param width source image width, 0 when unknown
 * @param height source image height, 0 when unknown
 * @param errorCode stable error code when it failed, else {@code null}
 * @param errorDetail what exactly failed, else {@code null}
 */
record PreparedScene(PendingScene scene, byte[] pixels, int width, int height, String errorCode, String errorDetail) {

	static PreparedScene ready(PendingScene scene, byte[] pixels, int width, int height) {
		return new PreparedScene(scene, pixels, width, height, null, null);
	}

	static PreparedScene failed(PendingScene scene, String errorCode, String errorDetail) {
		return new PreparedScene(scene, null, 0, 0, errorCode, errorDetail);
	}

	/** A dry run's item: nothing fetched. */
	static PreparedScene notFetched(PendingScene scene) {
		return new PreparedScene(scene, null, 0, 0, null, null);
	}

	boolean isReady() {
		return this.pixels != null;
	}

}
