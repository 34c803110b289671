package com.heimdex.embeddings.clip;

/** Inference over a batch of images failed; recorded per scene as {@link #errorCode()}. */
public class ClipInferenceException extends RuntimeException {

	public ClipInferenceException(String message, Throwable cause) {
		super(message, cause);
	}

	/** The stable code stored in {@code visual_clip_metadata.error}. */
	public String errorCode() {
		return "clip_error";
	}

}
