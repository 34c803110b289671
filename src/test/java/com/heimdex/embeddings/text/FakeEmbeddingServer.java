package com.heimdex.embeddings.text;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An in-process OpenAI-compatible {@code POST /v1/embeddings} server on 127.0.0.1 for tests. It
 * embeds a batch {@code input} (a string or an array), honours {@code dimensions}, counts
 * {@code usage.prompt_tokens} with cl100k_base, returns vectors derived from each text alone
 * ({@link #vectorFor}), enforces OpenAI's per-request limits, can inject faults (429 for a fraction of
 * requests, 5xx a number of times, 400 for inputs containing a marker, 401 for a wrong key), can
 * enforce its own requests/tokens budgets, and records every request.
 */
public final class FakeEmbeddingServer implements AutoCloseable {

	static {
		// Without it, small answers wait ~40 ms for a delayed ACK (Nagle) and rate tests measure that.
		System.setProperty("sun.net.httpserver.nodelay", "true");
	}

	static final JsonMapper JSON = JsonMapper.builder().build();

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

	private volatile FakeServerBudget budget;

	private volatile Duration latency = Duration.ZERO;

	public FakeEmbeddingServer() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
		server.setExecutor(threads);
		server.createContext("/v1/embeddings", this::handle);
		server.start();
	}

	/** What a client's {@code OPENAI_BASE_URL} should be. */
	public String baseUrl() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
	}

	/** The vector this server returns for a text: deterministic, unit length, from the text alone. */
	public static float[] vectorFor(String text, int dimensions) {
		return FakeEmbeddingAnswer.vectorFor(text, dimensions);
	}

	public FakeEmbeddingServer nativeDimensions(int dimensions) {
		this.nativeDimensions = dimensions;
		return this;
	}

	/** Answers 401 unless {@code Authorization: Bearer <key>} is sent. */
	public FakeEmbeddingServer requireApiKey(String key) {
		this.requiredApiKey = key;
		return this;
	}

	/** Answers the next {@code times} requests with {@code status} (5xx). */
	public FakeEmbeddingServer failWithServerError(int times, int status) {
		this.serverErrorsLeft.set(times);
		this.serverErrorStatus = status;
		return this;
	}

	/** Answers this fraction of requests (chosen by a seeded die) 429 with these headers. */
	public FakeEmbeddingServer rateLimit(double fraction, Map<String, String> headers) {
		this.rateLimitedFraction = fraction;
		this.rateLimitedHeaders = Map.copyOf(headers);
		return this;
	}

	/** Answers 400, naming the input, to requests holding an input that contains the marker. */
	public FakeEmbeddingServer rejectInputsContaining(String marker) {
		this.rejectedMarker = marker;
		return this;
	}

	/**
	 * Enforces own budgets, token buckets of the given capacities refilled greedily over the period;
	 * a request over either is answered 429 with the exact wait in {@code retry-after-ms},
	 * {@code x-ratelimit-reset-*}, and rounded up in {@code Retry-After}.
	 */
	public FakeEmbeddingServer enforceLimits(long requestsPerPeriod, long tokensPerPeriod, Duration period) {
		this.budget = new FakeServerBudget(requestsPerPeriod, tokensPerPeriod, period);
		return this;
	}

	/** Delays every answer. */
	public FakeEmbeddingServer latency(Duration latency) {
		this.latency = latency;
		return this;
	}

	/** Every request received so far, in arrival order. */
	public List<RecordedRequest> requests() {
		return List.copyOf(requests);
	}

	/** The requests answered 200. */
	public List<RecordedRequest> acceptedRequests() {
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
			FakeEmbeddingAnswer answer = answer(inputs, tokens, authorization, (dimensions != null) ? dimensions : nativeDimensions);
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

	private FakeEmbeddingAnswer answer(List<String> inputs, int tokens, String authorization, int dimensions) {
		if (requiredApiKey != null && !("Bearer " + requiredApiKey).equals(authorization)) {
			// Echoes what was sent, as some servers do, so that clients must redact it.
			return FakeEmbeddingAnswer.error(401, "Incorrect API key provided: " + authorization + ".", "invalid_api_key", Map.of());
		}
		if (inputs.size() > 2048 || tokens > 300_000) {
			return FakeEmbeddingAnswer.error(400, "Too many inputs or tokens in one request: " + inputs.size() + " inputs, " + tokens
					+ " tokens.", null, Map.of());
		}
		for (int i = 0; i < inputs.size(); i++) {
			int inputTokens = TOKENIZER.countTokens(inputs.get(i));
			if (inputs.get(i).isEmpty() || inputTokens > 8192) {
				return FakeEmbeddingAnswer.error(400, "Invalid 'input[" + i + "]': empty or " + inputTokens
						+ " tokens, more than the maximum context length of 8192 tokens.", null, Map.of());
			}
		}
		if (serverErrorsLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
			return FakeEmbeddingAnswer.error(serverErrorStatus, "The server had an error while processing your request.", null, Map.of());
		}
		synchronized (faultDice) {
			if (rateLimitedFraction > 0 && faultDice.nextDouble() < rateLimitedFraction) {
				return FakeEmbeddingAnswer.error(429, "Rate limit reached (injected).", "rate_limit_exceeded", rateLimitedHeaders);
			}
		}
		FakeServerBudget limits = budget;
		if (limits != null && !limits.tryTake(tokens)) {
			return limits.throttled(tokens);
		}
		for (int i = 0; i < inputs.size(); i++) {
			if (rejectedMarker != null && inputs.get(i).contains(rejectedMarker)) {
				return FakeEmbeddingAnswer.error(400, "Invalid 'input[" + i + "]': contains rejected content.", null, Map.of());
			}
		}
		return FakeEmbeddingAnswer.embeddings(inputs, tokens, dimensions);
	}

	/**
	 * One request as received.
	 *
	 * @param receivedNanos when, counted from the server's start
	 * @param status what it was answered
	 */
	public record RecordedRequest(long receivedNanos, List<String> inputs, int tokens, int status, String authorization,
			Integer dimensions, String model, String encodingFormat) {
	}

}
