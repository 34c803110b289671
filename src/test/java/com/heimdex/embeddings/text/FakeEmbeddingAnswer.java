package com.heimdex.embeddings.text;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** An answer of {@link FakeEmbeddingServer}, shaped as OpenAI's: embeddings with usage, or an error. */
record FakeEmbeddingAnswer(int status, ObjectNode body, Map<String, String> headers) {

	static FakeEmbeddingAnswer error(int status, String message, String code, Map<String, String> headers) {
		ObjectNode body = FakeEmbeddingServer.JSON.createObjectNode();
		ObjectNode error = body.putObject("error");
		error.put("message", message);
		error.put("type", (status == 429) ? "requests" : "invalid_request_error");
		error.put("code", code);
		return new FakeEmbeddingAnswer(status, body, headers);
	}

	static FakeEmbeddingAnswer embeddings(List<String> inputs, int tokens, int dimensions) {
		ObjectNode body = FakeEmbeddingServer.JSON.createObjectNode();
		body.put("object", "list");
		ArrayNode data = body.putArray("data");
		// Newest first: the API does not promise order, clients must map by index.
		for (int i = inputs.size() - 1; i >= 0; i--) {
			ObjectNode datum = data.addObject();
			datum.put("object", "embedding");
			datum.put("index", i);
			ArrayNode embedding = datum.putArray("embedding");
			for (float value : vectorFor(inputs.get(i), dimensions)) {
				embedding.add(value);
			}
		}
		body.put("model", "fake");
		body.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
		return new FakeEmbeddingAnswer(200, body, Map.of());
	}

	/** A deterministic unit vector seeded by the text's SHA-256. */
	static float[] vectorFor(String text, int dimensions) {
		SplittableRandom random = new SplittableRandom(ByteBuffer.wrap(sha256(text)).getLong());
		float[] vector = new float[dimensions];
		double norm = 0;
		for (int i = 0; i < dimensions; i++) {
			vector[i] = (float) (random.nextDouble() * 2 - 1);
			norm += vector[i] * vector[i];
		}
		for (int i = 0; i < dimensions; i++) {
			vector[i] /= (float) Math.sqrt(norm);
		}
		return vector;
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
