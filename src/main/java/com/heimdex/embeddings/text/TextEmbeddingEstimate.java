package com.heimdex.embeddings.text;

/**
 * What embedding a list of texts would take, computed locally without calling the server (dry run).
 *
 * @param inputs texts that would be sent (empty ones excluded)
 * @param requests requests they pack into
 * @param tokens tokens they would use, after truncation
 * @param truncated texts that would be cut to fit the model's context
 * @param costUsd {@code tokens} priced at {@code pricePerMillionTokens}
 */
public record TextEmbeddingEstimate(int inputs, int requests, long tokens, int truncated, double costUsd) {
}
