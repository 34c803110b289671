package com.heimdex.embeddings.text;

/**
 * Why one input got no vector.
 *
 * @param code stable reason
 * @param detail human-readable specifics, e.g. the server's message; never the API key
 */
public record EmbeddingFailure(EmbeddingFailureCode code, String detail) {
}
