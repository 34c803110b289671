package com.heimdex.embeddings.admin;

/** The execution is not in a state that allows the request (HTTP 409). */
class ExecutionStateException extends RuntimeException {

	ExecutionStateException(String message) {
		super(message);
	}

}
