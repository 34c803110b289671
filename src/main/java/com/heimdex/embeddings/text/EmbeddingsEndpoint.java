package com.heimdex.embeddings.text;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One {@code POST {baseUrl}/embeddings} call: builds the OpenAI request body, sends it and turns the
 * answer into vectors by {@code index}, a per-request {@link EmbeddingRequestFailure}, or an
 * {@link EmbeddingEndpointException} when the endpoint cannot be used at all.
 */
final class EmbeddingsEndpoint {

	private final URI uri;

	private final OpenAiEndpointProperties endpoint;

	private final TextEmbeddingProperties settings;

	private final HttpClient http;

	private final JsonMapper json;

	private final Clock clock;

	EmbeddingsEndpoint(OpenAiEndpointProperties endpoint, TextEmbeddingProperties settings, HttpClient http,
			JsonMapper json, Clock clock) {
		this.uri = URI.create(endpoint.baseUrl() + "/embeddings");
		this.endpoint = endpoint;
		this.settings = settings;
		this.http = http;
		this.json = json;
		this.clock = clock;
	}

	/**
	 * Embeds the texts in one request.
	 * @return one vector per text, in request order ({@code null} where the answer lacked one)
	 */
	EmbeddingsResponse post(List<String> texts) throws EmbeddingRequestFailure, InterruptedException {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri)
			.timeout(settings.requestTimeout())
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body(texts))));
		if (endpoint.hasApiKey()) {
			request.header("Authorization", "Bearer " + endpoint.apiKey());
		}
		HttpResponse<InputStream> response;
		try {
			response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
		}
		catch (HttpConnectTimeoutException ex) {
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.CONNECTION_ERROR, "connect timed out: " + uri, null, ex);
		}
		catch (HttpTimeoutException ex) {
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.TIMEOUT,
					"no answer within " + settings.requestTimeout() + ": " + uri, null, ex);
		}
		catch (IOException ex) {
			String reason = (ex.getMessage() != null) ? ex.getClass().getSimpleName() + ": " + ex.getMessage()
					: ex.getClass().getSimpleName();
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.CONNECTION_ERROR, reason + " (" + uri + ")", null, ex);
		}
		if (response.statusCode() == 200) {
			return read(ResponseBodies.success(response, texts.size(), settings.dimensions(), uri), texts.size());
		}
		throw failure(response, new String(ResponseBodies.error(response, uri), StandardCharsets.UTF_8));
	}

	private ObjectNode body(List<String> texts) {
		ObjectNode body = json.createObjectNode();
		body.put("model", settings.model());
		ArrayNode input = body.putArray("input");
		texts.forEach(input::add);
		if (settings.sendDimensions()) {
			body.put("dimensions", settings.dimensions());
		}
		body.put("encoding_format", "float");
		return body;
	}

	private EmbeddingsResponse read(byte[] body, int expected) throws EmbeddingRequestFailure {
		ResponseBody parsed;
		try {
			parsed = json.readValue(body, ResponseBody.class);
		}
		catch (JacksonException ex) {
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.INVALID_RESPONSE,
					"unreadable embeddings response: " + ex.getOriginalMessage(), null, ex);
		}
		if (parsed.data() == null) {
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.INVALID_RESPONSE, "embeddings response without data");
		}
		float[][] vectors = new float[expected][];
		for (Datum datum : parsed.data()) {
			if (datum.index() >= 0 && datum.index() < expected) {
				vectors[datum.index()] = datum.embedding();
			}
		}
		long promptTokens = (parsed.usage() != null) ? parsed.usage().promptTokens() : 0;
		return new EmbeddingsResponse(Arrays.asList(vectors), promptTokens);
	}

	private RuntimeException failure(HttpResponse<?> response, String body) throws EmbeddingRequestFailure {
		int status = response.statusCode();
		ServerError error = ServerError.parse(body, json);
		String detail = "HTTP " + status + ": " + redact(error.message());
		// A server may name any delay; the run waits at most the ceiling, then asks again.
		Duration delay = RetryDelayHeaders.delay(response.headers(), clock)
			.map((asked) -> (asked.compareTo(settings.maxRetryAfter()) > 0) ? settings.maxRetryAfter() : asked)
			.orElse(null);
		if (status == 401 || status == 403) {
			throw new EmbeddingAuthenticationException("the embeddings endpoint " + uri + " refused the credentials ("
					+ detail + "); check OPENAI_API_KEY");
		}
		if (status == 429 && "insufficient_quota".equals(error.code())) {
			throw new EmbeddingEndpointException("the embeddings endpoint reports the quota exhausted (" + detail + ")");
		}
		if (status == 429) {
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.RATE_LIMITED, detail, delay, null);
		}
		if (status == 408) {
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.TIMEOUT, detail, delay, null);
		}
		if (status >= 500) {
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.SERVER_ERROR, detail, delay, null);
		}
		if (status == 400 || status == 413 || status == 422) {
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.INVALID_INPUT, detail);
		}
		return new EmbeddingEndpointException("the embeddings endpoint " + uri + " answered " + detail
				+ "; check OPENAI_BASE_URL and EMBEDDING_MODEL (" + settings.model() + ")");
	}

	private String redact(String message) {
		return endpoint.hasApiKey() ? message.replace(endpoint.apiKey(), "***") : message;
	}

	/** Vectors in request order and the tokens the server counted. */
	record EmbeddingsResponse(List<float[]> vectors, long promptTokens) {
	}

	private record ResponseBody(List<Datum> data, Usage usage) {
	}

	private record Datum(int index, float[] embedding) {
	}

	private record Usage(@JsonProperty("prompt_tokens") long promptTokens) {
	}

	/** The message and code of an error answer, from OpenAI's, TEI's or any other body shape. */
	private record ServerError(String message, String code) {

		static ServerError parse(String body, JsonMapper json) {
			try {
				JsonNode root = json.readTree(body);
				JsonNode error = root.path("error");
				if (error.isObject()) {
					return new ServerError(error.path("message").asString(body), error.path("code").asString(null));
				}
				if (error.isString()) {
					return new ServerError(error.asString(), root.path("error_type").asString(null));
				}
				if (root.path("message").isString()) {
					return new ServerError(root.path("message").asString(), null);
				}
			}
			catch (JacksonException notJson) {
				// fall through: report the raw body
			}
			String raw = (body == null) ? "" : body.strip();
			return new ServerError(raw.length() > 300 ? raw.substring(0, 300) + "..." : raw, null);
		}

	}

}
