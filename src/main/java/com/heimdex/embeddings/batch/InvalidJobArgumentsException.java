package com.heimdex.embeddings.batch;

/** The command line or a setting is not allowed; nothing was started. Exit code 2. */
public class InvalidJobArgumentsException extends RuntimeException {

	public InvalidJobArgumentsException(String message) {
		super(message);
	}

}
