package com.heimdex.embeddings.clip;

/**
 * The CLIP model cannot be obtained or used: a missing {@code CLIP_MODEL_PATH}, a failed
 * download, a checksum mismatch, or a model that does not have the image-tower contract. A
 * configuration or deployment problem, not a per-scene one.
 */
public class ClipModelException extends RuntimeException {

	public ClipModelException(String message) {
		super(message);
	}

	public ClipModelException(String message, Throwable cause) {
		super(message, cause);
	}

}
