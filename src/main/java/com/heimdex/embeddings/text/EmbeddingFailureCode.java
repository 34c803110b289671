package com.heimdex.embeddings.text;

/**
 * Why an input got no vector. {@link #code()} is short and stable, for metadata columns and for
 * grouping in error-distribution queries.
 */
public enum EmbeddingFailureCode {

	/** The server kept answering 429 until the attempts ran out. */
	RATE_LIMITED("rate_limited", true),

	/** The server kept answering 5xx until the attempts ran out. */
	SERVER_ERROR("server_error", true),

	/** Requests kept timing out until the attempts ran out. */
	TIMEOUT("timeout", true),

	/** The server could not be reached until the attempts ran out. */
	CONNECTION_ERROR("connection_error", true),

	/** The server rejected this input (400/413/422); the detail holds its message. */
	INVALID_INPUT("invalid_input", false),

	/** The server returned a vector of another length than configured. */
	DIMENSION_MISMATCH("dimension_mismatch", false),

	/** The server's answer could not be read or lacked this input's vector. */
	INVALID_RESPONSE("invalid_response", false),

	/** The input is empty or blank; nothing was sent. */
	EMPTY_INPUT("empty_input", false);

	private final String code;

	private final boolean retryable;

	EmbeddingFailureCode(String code, boolean retryable) {
		this.code = code;
		this.retryable = retryable;
	}

	/** The stable code, e.g. {@code rate_limited}. */
	public String code() {
		return code;
	}

	/** Whether a request failing this way is worth sending again. */
	boolean retryable() {
		return retryable;
	}

}
