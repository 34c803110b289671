package com.heimdex.embeddings.text;

import java.util.List;

/**
 * The result of embedding a list of texts: one outcome per input, in input order, and what it cost.
 *
 * @param outcomes one per input, in input order
 * @param requestsSent HTTP requests sent, retries and isolation splits included
 * @param tokensUsed tokens the server counted ({@code usage.prompt_tokens}) over all successful requests
 * @param rateLimitedResponses requests the server answered 429 (included in {@code requestsSent})
 */
public record EmbeddingBatchResult(List<TextEmbeddingOutcome> outcomes, int requestsSent, long tokensUsed,
		int rateLimitedResponses) {

	public EmbeddingBatchResult {
		outcomes = List.copyOf(outcomes);
	}

	/** The outcomes without a vector. */
	public List<TextEmbeddingOutcome> failures() {
		return outcomes.stream().filter(outcome -> !outcome.succeeded()).toList();
	}

	/** Number of inputs cut to fit the model's context. */
	public long truncatedCount() {
		return outcomes.stream().filter(TextEmbeddingOutcome::truncated).count();
	}

}
