package com.heimdex.embeddings.modelfile;

/**
 * A model file cannot be obtained: a failed download, a checksum mismatch, an unusable cache
 * directory. A deployment problem, which may pass (a network failure) or not.
 */
public class ModelFileException extends RuntimeException {

	public ModelFileException(String message) {
		super(message);
	}

	public ModelFileException(String message, Throwable cause) {
		super(message, cause);
	}

}
