package com.heimdex.embeddings.text;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;

import com.heimdex.embeddings.text.EmbeddingsEndpoint.EmbeddingsResponse;
import com.heimdex.embeddings.text.TextEmbeddingRequestPacker.PackedRequest;
import com.heimdex.embeddings.text.TextEmbeddingRequestPacker.PendingInput;
import com.heimdex.embeddings.text.TextTokenizer.TokenizedText;

/** Collects, from any number of request threads, what became of each input of one {@code embedAll} call. */
final class BatchOutcomes {

	private final List<TokenizedText> inputs;

	private final int dimensions;

	private final AtomicReferenceArray<TextEmbeddingOutcome> outcomes;

	private final AtomicInteger requestsSent = new AtomicInteger();

	private final AtomicLong tokensUsed = new AtomicLong();

	private final AtomicInteger rateLimited = new AtomicInteger();

	/** @param inputs the prepared inputs by index, {@code null} for empty ones */
	BatchOutcomes(List<TokenizedText> inputs, int dimensions) {
		this.inputs = inputs;
		this.dimensions = dimensions;
		this.outcomes = new AtomicReferenceArray<>(inputs.size());
	}

	void requestSent() {
		requestsSent.incrementAndGet();
	}

	/** A request was answered 429 (and is retried if attempts remain). */
	void rateLimited() {
		rateLimited.incrementAndGet();
	}

	/** Records the vectors of a successful response, checking each one's presence and length. */
	void accept(PackedRequest request, EmbeddingsResponse response) {
		tokensUsed.addAndGet(response.promptTokens());
		List<PendingInput> sent = request.inputs();
		for (int position = 0; position < sent.size(); position++) {
			int index = sent.get(position).index();
			float[] vector = response.vectors().get(position);
			if (vector == null) {
				fail(index, EmbeddingFailureCode.INVALID_RESPONSE, "the response has no embedding for this input");
			}
			else if (vector.length != dimensions) {
				fail(index, EmbeddingFailureCode.DIMENSION_MISMATCH,
						"expected " + dimensions + " dimensions, got " + vector.length);
			}
			else {
				outcomes.set(index, new TextEmbeddingOutcome(index, vector, inputs.get(index).tokens(),
						inputs.get(index).truncated(), null));
			}
		}
	}

	void failAll(PackedRequest request, EmbeddingFailureCode code, String detail) {
		request.inputs().forEach(input -> fail(input.index(), code, detail));
	}

	void fail(int index, EmbeddingFailureCode code, String detail) {
		TokenizedText input = inputs.get(index);
		int tokens = (input != null) ? input.tokens() : 0;
		boolean truncated = input != null && input.truncated();
		outcomes.set(index, new TextEmbeddingOutcome(index, null, tokens, truncated, new EmbeddingFailure(code, detail)));
	}

	EmbeddingBatchResult result() {
		List<TextEmbeddingOutcome> all = new ArrayList<>(outcomes.length());
		for (int index = 0; index < outcomes.length(); index++) {
			TextEmbeddingOutcome outcome = outcomes.get(index);
			if (outcome == null) {
				throw new IllegalStateException("input " + index + " has no outcome");
			}
			all.add(outcome);
		}
		return new EmbeddingBatchResult(all, requestsSent.get(), tokensUsed.get(), rateLimited.get());
	}

}
