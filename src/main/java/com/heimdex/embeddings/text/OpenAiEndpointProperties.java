package com.heimdex.embeddings.text;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the OpenAI-compatible embeddings endpoint lives and how to authenticate to it. Binds
 * {@code OPENAI_API_KEY} and {@code OPENAI_BASE_URL}. The key is never logged: {@link #toString()}
 * hides it.
 *
 * @param apiKey bearer token sent as {@code Authorization: Bearer <key>}; unset for servers that
 * need none (Ollama, TEI, a local vLLM)
 * @param baseUrl API root that {@code /embeddings} is appended to, e.g. {@code https://api.openai.com/v1}
 * or {@code http://localhost:11434/v1}
 */
@ConfigurationProperties("openai")
public record OpenAiEndpointProperties(String apiKey, @DefaultValue("https://api.openai.com/v1") String baseUrl) {

	public OpenAiEndpointProperties {
		if (baseUrl == null || baseUrl.isBlank()) {
			throw new IllegalArgumentException("OPENAI_BASE_URL must be an http(s) URL, was empty");
		}
		baseUrl = baseUrl.strip();
		if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
			throw new IllegalArgumentException("OPENAI_BASE_URL must be an http(s) URL, was " + baseUrl);
		}
		if (authority(baseUrl).contains("@")) {
			// it would be logged with the base URL; the key belongs in OPENAI_API_KEY
			throw new IllegalArgumentException("OPENAI_BASE_URL must not hold credentials (user:password@): set the key"
					+ " in OPENAI_API_KEY and the URL without them");
		}
		while (baseUrl.endsWith("/")) {
			baseUrl = baseUrl.substring(0, baseUrl.length() - 1);
		}
		if (apiKey != null && apiKey.isBlank()) {
			apiKey = null;
		}
	}

	/** What stands between {@code scheme://} and the path: where credentials would be. */
	private static String authority(String url) {
		String rest = url.substring(url.indexOf("://") + 3);
		int end = rest.indexOf('/');
		return (end >= 0) ? rest.substring(0, end) : rest;
	}

	/** Whether requests carry an {@code Authorization} header. */
	public boolean hasApiKey() {
		return apiKey != null;
	}

	/**
	 * The problem of sending texts to this endpoint, in words, or {@code null}: OpenAI's own
	 * endpoint without a key.
	 */
	public String missingKeyProblem() {
		if (!hasApiKey() && baseUrl.startsWith("https://api.openai.com/")) {
			return "OPENAI_API_KEY is not set; set it to a key of " + baseUrl
					+ ", or set OPENAI_BASE_URL to a server that needs none";
		}
		return null;
	}

	@Override
	public String toString() {
		return "OpenAiEndpointProperties[baseUrl=" + baseUrl + ", apiKey=" + (hasApiKey() ? "(set, hidden)" : "(not set)")
				+ "]";
	}

}
