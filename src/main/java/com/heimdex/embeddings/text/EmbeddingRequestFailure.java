package com.heimdex.embeddings.text;

import java.time.Duration;
import java.util.Optional;

/** One embeddings request failed in a way that concerns its inputs, not the whole run. */
final class EmbeddingRequestFailure extends Exception {

	private final EmbeddingFailureCode code;

	private final Duration serverDelay;

	EmbeddingRequestFailure(EmbeddingFailureCode code, String detail, Duration serverDelay, Throwable cause) {
		super(detail, cause, false, false);
		this.code = code;
		this.serverDelay = serverDelay;
	}

	EmbeddingRequestFailure(EmbeddingFailureCode code, String detail) {
		this(code, detail, null, null);
	}

	EmbeddingFailureCode code() {
		return code;
	}

	/** How long the server asked to wait before trying again, if it said. */
	Optional<Duration> serverDelay() {
		return Optional.ofNullable(serverDelay);
	}

	boolean retryable() {
		return code.retryable();
	}

}
