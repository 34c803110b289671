package com.heimdex.embeddings.admin;

/** A job or execution the request names does not exist (HTTP 404). */
class UnknownResourceException extends RuntimeException {

	UnknownResourceException(String message) {
		super(message);
	}

}
