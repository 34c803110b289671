package com.heimdex.embeddings.text;

/**
 * The embeddings endpoint cannot be used as configured (unknown model or path, quota exhausted,
 * every input rejected): retrying or skipping inputs will not help, the run should stop with this
 * message. Messages never contain the API key.
 */
public class EmbeddingEndpointException extends RuntimeException {

	public EmbeddingEndpointException(String message) {
		super(message);
	}

}
