package com.heimdex.embeddings.clip;

/** Inference over a batch took longer than its budget ({@code CLIP_TIMEOUT_S} per image). */
public class ClipTimeoutException extends ClipInferenceException {

	public ClipTimeoutException(String message) {
		super(message, null);
	}

	@Override
	public String errorCode() {
		return "clip_timeout";
	}

}
