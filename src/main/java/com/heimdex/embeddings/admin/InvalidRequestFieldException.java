package com.heimdex.embeddings.admin;

/** A request body field that is missing or not allowed (HTTP 400 naming the field). */
class InvalidRequestFieldException extends RuntimeException {

	private final String field;

	InvalidRequestFieldException(String field, String message) {
		super(message);
		this.field = field;
	}

	String field() {
		return this.field;
	}

}
