package com.heimdex.embeddings.text;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** Settings for tests: the bound defaults, with fast retries and budgets that do not slow a test down. */
final class TextEmbeddingTestSettings {

	private TextEmbeddingTestSettings() {
	}

	/** {@code embedding.*} settings as bound from {@code name=value} pairs (relaxed names, e.g. {@code max-attempts=3}). */
	static TextEmbeddingProperties settings(String... pairs) {
		Map<String, String> values = new HashMap<>();
		values.put("embedding.initial-backoff", "10ms");
		values.put("embedding.max-backoff", "100ms");
		values.put("embedding.requests-per-minute", "100000");
		values.put("embedding.tokens-per-minute", "100000000");
		values.put("embedding.request-timeout", "10s");
		for (String pair : pairs) {
			int equals = pair.indexOf('=');
			values.put("embedding." + pair.substring(0, equals), pair.substring(equals + 1));
		}
		return new Binder(new MapConfigurationPropertySource(values)).bindOrCreate("embedding",
				TextEmbeddingProperties.class);
	}

	static OpenAiEndpointProperties endpoint(String baseUrl, String apiKey) {
		return new OpenAiEndpointProperties(apiKey, baseUrl);
	}

	static OpenAiEmbeddingClient client(FakeEmbeddingServer server, String apiKey, TextEmbeddingProperties settings) {
		return new OpenAiEmbeddingClient(settings, endpoint(server.baseUrl(), apiKey));
	}

}
