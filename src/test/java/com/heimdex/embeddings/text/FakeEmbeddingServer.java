package com.heimdex.embeddings.text;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.bucket4j.Bucket;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * An in-process OpenAI-compatible {@code POST /v1/embeddings} server on 127.0.0.1 for tests. It
 * embeds a batch {@code input} (a string or an array), honours {@code dimensions}, counts
 * {@code usage.prompt_tokens} with cl100k_base, returns vectors derived from each text alone
 * ({@link #vectorFor}), enforces OpenAI's per-request limits, can inject faults (429 for a fraction of
 * requests, 5xx a number of times, 400 for inputs containing a marker, 401 for a wrong key), can
 * enforce its own requests/tokens budgets, and records every request.
 */
final class FakeEmbeddingServer implements AutoCloseable {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final TextTokenizer TOKENIZER = new TextTokenizer(Integer.MAX_VALUE);

	private final HttpServer server;

	private final ExecutorService threads = Executors.newFixedThreadPool(4);

	private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();

	private final long startNanos = System.nanoTime();

	private volatile int nativeDimensions = 1536;

	private volatile String requiredApiKey;

	private final AtomicInteger serverErrorsLeft = new AtomicInteger();

	private volatile int serverErrorStatus = 500;

	private volatile double rateLimitedFraction;

	private volatile Map<String, String> rateLimitedHeaders = Map.of();

	private final Random faultDice = new Random(42);

	private volatile String rejectedMarker;

	private volatile Bucket requestBudget;

	private volatile Bucket tokenBudget;

	private volatile Duration latency = Duration.ZERO;

	FakeEmbeddingServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		server.setExecutor(threads);
		server.createContext("/v1/embeddings", this::handle);
		server.start();
	}

	/** What a client's {@code OPENAI_BASE_URL} should be. */
	String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
	}

	/** The vector this server returns for a text: deterministic, unit length, from the text alone. */
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

	FakeEmbeddingServer nativeDimensions(int dimensions) {
		this.nativeDimensions = dimensions;
		return this;
	}

	/** Answers 401 unless {@code Authorization: Bearer <key>} is sent. */
	FakeEmbeddingServer requireApiKey(String key) {
		this.requiredApiKey = key;
		return this;
	}

	/** Answers the next {@code times} requests with {@code status} (5xx). */
	FakeEmbeddingServer failWithServerError(int times, int status) {
		this.serverErrorsLeft.set(times);
		this.serverErrorStatus = status;
		return this;
	}

	/** Answers this fraction of requests (chosen by a seeded die) 429 with these headers. */
	FakeEmbeddingServer rateLimit(double fraction, Map<String, String> headers) {
		this.rateLimitedFraction = fraction;
		this.rateLimitedHeaders = Map.copyOf(headers);
		return this;
	}

	/** Answers 400, naming the input, to requests holding an input that contains the marker. */
	FakeEmbeddingServer rejectInputsContaining(String marker) {
		this.rejectedMarker = marker;
		return this;
	}

	/**
	 * Enforces own budgets, token buckets of the given capacities refilled greedily over the period;
	 * a request over either is answered 429 with the exact wait in {@code retry-after-ms},
	 * {@code x-ratelimit-reset-*}, and rounded up in {@code Retry-After}.
	 */
	FakeEmbeddingServer enforceLimits(long requestsPerPeriod, long tokensPerPeriod, Duration period) {
		this.requestBudget = Bucket.builder().addLimit(l -> l.capacity(requestsPerPeriod).refillGreedy(requestsPerPeriod, period)).build();
		this.tokenBudget = Bucket.builder().addLimit(l -> l.capacity(tokensPerPeriod).refillGreedy(tokensPerPeriod, period)).build();
		return this;
	}

	/** Delays every answer. */
	FakeEmbeddingServer latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/** Every request received so far, in arrival order. */
	List<RecordedRequest> requests() {
		return List.copyOf(requests);
	}

	/** The requests answered 200. */
	List<RecordedRequest> acceptedRequests() {
		return requests.stream().filter(request -> request.status() == 200).toList();
	}

	@Override
	public void close() {
		server.stop(0);
		threads.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			long received = System.nanoTime() - startNanos;
			JsonNode body = JSON.readTree(exchange.getRequestBody());
			List<String> inputs = new ArrayList<>();
			JsonNode input = body.path("input");
			if (input.isArray()) {
				input.forEach(item -> inputs.add(item.asString()));
			}
			else {
				inputs.add(input.asString());
			}
			int tokens = inputs.stream().mapToInt(TOKENIZER::countTokens).sum();
			Integer dimensions = body.has("dimensions") ? body.path("dimensions").asInt() : null;
			String authorization = exchange.getRequestHeaders().getFirst("Authorization");
			Answer answer = answer(inputs, tokens, authorization, (dimensions != null) ? dimensions : nativeDimensions);
			requests.add(new RecordedRequest(received, inputs, tokens, answer.status(), authorization, dimensions,
					body.path("model").asString(null), body.path("encoding_format").asString(null)));
			if (!latency.isZero()) {
				Thread.sleep(latency.toMillis());
			}
			answer.headers().forEach(exchange.getResponseHeaders()::add);
			byte[] bytes = JSON.writeValueAsBytes(answer.body());
			exchange.getResponseHeaders().add("Content-Type", "application/json");
			exchange.sendResponseHeaders(answer.status(), bytes.length);
			try (OutputStream out = exchange.getResponseBody()) {
				out.write(bytes);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private Answer answer(List<String> inputs, int tokens, String authorization, int dimensions) {
		if (requiredApiKey != null && !("Bearer " + requiredApiKey).equals(authorization)) {
			// Echoes what was sent, as some servers do, so that clients must redact it.
			return Answer.error(401, "Incorrect API key provided: " + authorization + ".", "invalid_api_key", Map.of());
		}
		if (inputs.size() > 2048 || tokens > 300_000) {
			return Answer.error(400, "Too many inputs or tokens in one request: " + inputs.size() + " inputs, " + tokens
					+ " tokens.", null, Map.of());
		}
		for (int i = 0; i < inputs.size(); i++) {
			int inputTokens = TOKENIZER.countTokens(inputs.get(i));
			if (inputs.get(i).isEmpty() || inputTokens > 8192) {
				return Answer.error(400, "Invalid 'input[" + i + "]': empty or " + inputTokens
						+ " tokens, more than the maximum context length of 8192 tokens.", null, Map.of());
			}
		}
		if (serverErrorsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
			return Answer.error(serverErrorStatus, "The server had an error while processing your request.", null, Map.of());
		}
		synchronized (faultDice) {
			if (rateLimitedFraction > 0 && faultDice.nextDouble() < rateLimitedFraction) {
				return Answer.error(429, "Rate limit reached (injected).", "rate_limit_exceeded", rateLimitedHeaders);
			}
		}
		Answer overBudget = overBudget(tokens);
		if (overBudget != null) {
			return overBudget;
		}
		for (int i = 0; i < inputs.size(); i++) {
			if (rejectedMarker != null && inputs.get(i).contains(rejectedMarker)) {
				return Answer.error(400, "Invalid 'input[" + i + "]': contains rejected content.", null, Map.of());
			}
		}
		return Answer.embeddings(inputs, tokens, dimensions);
	}

	private Answer overBudget(int tokens) {
		Bucket requestsBucket = requestBudget;
		Bucket tokensBucket = tokenBudget;
		if (requestsBucket == null) {
			return null;
		}
		synchronized (requestsBucket) {
			long requestsWait = requestsBucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
			long tokensWait = tokensBucket.estimateAbilityToConsume(tokens).getNanosToWaitForRefill();
			if (requestsWait == 0 && tokensWait == 0) {
				requestsBucket.tryConsume(1);
				tokensBucket.tryConsume(tokens);
				return null;
			}
			long waitMillis = Math.max(1, (Math.max(requestsWait, tokensWait) + 999_999) / 1_000_000);
			return Answer.error(429, "Rate limit reached for requests or tokens.", "rate_limit_exceeded",
					Map.of("retry-after-ms", Long.toString(waitMillis), "Retry-After",
							Long.toString((waitMillis + 999) / 1000), "x-ratelimit-remaining-requests",
							(requestsWait > 0) ? "0" : "1", "x-ratelimit-reset-requests", (requestsWait + 999_999) / 1_000_000 + "ms",
							"x-ratelimit-remaining-tokens", (tokensWait > 0) ? "0" : "1", "x-ratelimit-reset-tokens",
							(tokensWait + 999_999) / 1_000_000 + "ms"));
		}
	}

	private static byte[] sha256(String text) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * One request as received.
	 *
	 * @param receivedNanos when, counted from the server's start
	 * @param status what it was answered
	 */
	record RecordedRequest(long receivedNanos, List<String> inputs, int tokens, int status, String authorization,
			Integer dimensions, String model, String encodingFormat) {
	}

	private record Answer(int status, ObjectNode body, Map<String, String> headers) {

		static Answer error(int status, String message, String code, Map<String, String> headers) {
			ObjectNode body = JSON.createObjectNode();
			ObjectNode error = body.putObject("error");
			error.put("message", message);
			error.put("type", (status == 429) ? "requests" : "invalid_request_error");
			error.put("code", code);
			return new Answer(status, body, headers);
		}

		static Answer embeddings(List<String> inputs, int tokens, int dimensions) {
			ObjectNode body = JSON.createObjectNode();
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
			return new Answer(200, body, Map.of());
		}

	}

}
