package com.heimdex.embeddings.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Packs inputs, in order, into as few requests as the API's per-request limits allow: at most
 * {@code maxInputsPerRequest} inputs and {@code maxTokensPerRequest} tokens each.
 */
public final class TextEmbeddingRequestPacker {

	private final int maxInputsPerRequest;

	private final long maxTokensPerRequest;

	public TextEmbeddingRequestPacker(int maxInputsPerRequest, long maxTokensPerRequest) {
		if (maxInputsPerRequest <= 0 || maxTokensPerRequest <= 0) {
			throw new IllegalArgumentException("request limits must be positive, were " + maxInputsPerRequest
					+ " inputs and " + maxTokensPerRequest + " tokens");
		}
		this.maxInputsPerRequest = maxInputsPerRequest;
		this.maxTokensPerRequest = maxTokensPerRequest;
	}

	/** The packer for these settings (token cap: {@link TextEmbeddingProperties#effectiveMaxTokensPerRequest()}). */
	public static TextEmbeddingRequestPacker from(TextEmbeddingProperties properties) {
		return new TextEmbeddingRequestPacker(properties.maxInputsPerRequest(), properties.effectiveMaxTokensPerRequest());
	}

	/**
	 * Consecutive runs of the inputs, each within both limits, together holding every input once in
	 * the original order.
	 * @throws IllegalArgumentException if one input alone has more tokens than a request may carry
	 */
	public List<PackedRequest> pack(List<PendingInput> inputs) {
		List<PackedRequest> requests = new ArrayList<>();
		List<PendingInput> current = new ArrayList<>();
		long currentTokens = 0;
		for (PendingInput input : inputs) {
			if (input.tokens() > maxTokensPerRequest) {
				throw new IllegalArgumentException("input " + input.index() + " has " + input.tokens()
						+ " tokens, more than one request may carry (" + maxTokensPerRequest + ")");
			}
			if (current.size() == maxInputsPerRequest || currentTokens + input.tokens() > maxTokensPerRequest) {
				requests.add(new PackedRequest(current, currentTokens));
				current = new ArrayList<>();
				currentTokens = 0;
			}
			current.add(input);
			currentTokens += input.tokens();
		}
		if (!current.isEmpty()) {
			requests.add(new PackedRequest(current, currentTokens));
		}
		return requests;
	}

	/**
	 * One input waiting to be embedded.
	 *
	 * @param index position in the caller's list
	 * @param text what is sent
	 * @param tokens tokens of {@code text}
	 */
	public record PendingInput(int index, String text, int tokens) {
	}

	/**
	 * The inputs of one request.
	 *
	 * @param inputs in order
	 * @param tokens their token total
	 */
	public record PackedRequest(List<PendingInput> inputs, long tokens) {

		public PackedRequest {
			inputs = List.copyOf(inputs);
		}

		/** The request's texts, in order. */
		public List<String> texts() {
			return inputs.stream().map(PendingInput::text).toList();
		}

		/** The first or second half (by input count), for isolating an input the server rejects. */
		PackedRequest half(boolean first) {
			int middle = inputs.size() / 2;
			List<PendingInput> part = first ? inputs.subList(0, middle) : inputs.subList(middle, inputs.size());
			return new PackedRequest(part, part.stream().mapToLong(PendingInput::tokens).sum());
		}

	}

}
