package com.heimdex.embeddings.embedding;

import java.util.List;

/**
 * A model that turns a batch of inputs into one vector each, in order. Image (CLIP) and text
 * (OpenAI-compatible) embedders both implement it.
 *
 * @param <I> what one input is (preprocessed pixels, a text)
 */
public interface EmbeddingModel<I> extends AutoCloseable {

	/** Embeds the inputs in one call; the result has one vector per input, in input order. */
	List<float[]> embed(List<I> inputs) throws Exception;

	/** Length of every vector this model returns. */
	int dimensions();

	@Override
	default void close() {
	}

}
