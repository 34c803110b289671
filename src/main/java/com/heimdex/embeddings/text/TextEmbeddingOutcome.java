package com.heimdex.embeddings.text;

/**
 * What became of one input of {@link OpenAiEmbeddingClient#embedAll}.
 *
 * @param index position in the caller's list
 * @param vector the embedding, {@code null} on failure
 * @param tokens tokens sent for this input (after truncation)
 * @param truncated whether the input was cut to {@code maxInputTokens} tokens
 * @param failure why there is no vector, {@code null} on success
 */
public record TextEmbeddingOutcome(int index, float[] vector, int tokens, boolean truncated, EmbeddingFailure failure) {

	/** Whether the input got a vector. */
	public boolean succeeded() {
		return failure == null;
	}

}
