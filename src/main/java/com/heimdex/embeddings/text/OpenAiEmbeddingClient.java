package com.heimdex.embeddings.text;

import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

import com.heimdex.embeddings.text.TextEmbeddingRequestPacker.PackedRequest;
import com.heimdex.embeddings.text.TextEmbeddingRequestPacker.PendingInput;
import com.heimdex.embeddings.text.TextTokenizer.TokenizedText;

/**
 * Embeds texts with an OpenAI-compatible {@code /embeddings} endpoint (OpenAI, Azure, vLLM, Ollama,
 * TEI). Texts are counted and cut to the model's context with cl100k_base, packed into as few
 * requests as the per-request limits allow, sent within the requests- and tokens-per-minute budgets,
 * retried on 429 / 5xx / timeouts, and inputs the server rejects are isolated so that they alone fail.
 * Authentication failures stop the run with {@link EmbeddingAuthenticationException}. Thread-safe;
 * the budgets hold across concurrent callers.
 */
public class OpenAiEmbeddingClient implements AutoCloseable {

	private static final Logger log = LoggerFactory.getLogger(OpenAiEmbeddingClient.class);

	private final TextEmbeddingProperties settings;

	private final TextTokenizer tokenizer;

	private final TextEmbeddingRequestPacker packer;

	private final EmbeddingRequestSender sender;

	private final ExecutorService requestThreads;

	public OpenAiEmbeddingClient(TextEmbeddingProperties settings, OpenAiEndpointProperties endpoint) {
		this(settings, endpoint, TextEmbeddingRateLimiter.perMinute(settings));
	}

	OpenAiEmbeddingClient(TextEmbeddingProperties settings, OpenAiEndpointProperties endpoint,
			TextEmbeddingRateLimiter rateLimiter) {
		this.settings = settings;
		this.tokenizer = new TextTokenizer(settings.maxInputTokens());
		this.packer = TextEmbeddingRequestPacker.from(settings);
		// Plain-http servers (Ollama, TEI, vLLM) speak HTTP/1.1; skip the h2c upgrade some of them mishandle.
		HttpClient http = HttpClient.newBuilder()
			.connectTimeout(settings.connectTimeout())
			.version(endpoint.baseUrl().startsWith("https://") ? HttpClient.Version.HTTP_2 : HttpClient.Version.HTTP_1_1)
			.build();
		JsonMapper json = JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();
		this.sender = new EmbeddingRequestSender(new EmbeddingsEndpoint(endpoint, settings, http, json, Clock.systemUTC()),
				rateLimiter, settings);
		AtomicInteger threadNumber = new AtomicInteger();
		this.requestThreads = Executors.newFixedThreadPool(settings.maxConcurrentRequests(), runnable -> {
			Thread thread = new Thread(runnable, "text-embedding-" + threadNumber.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
	}

	/**
	 * Embeds every text, reporting per input a vector or why there is none; empty and blank texts are
	 * not sent and fail with {@code empty_input}.
	 * @throws EmbeddingAuthenticationException if the endpoint refuses the credentials
	 * @throws EmbeddingEndpointException if the endpoint cannot be used as configured
	 */
	public EmbeddingBatchResult embedAll(List<String> texts) throws InterruptedException {
		List<TokenizedText> prepared = prepare(texts);
		BatchOutcomes outcomes = new BatchOutcomes(prepared, settings.dimensions());
		List<PendingInput> pending = new ArrayList<>();
		for (int index = 0; index < prepared.size(); index++) {
			TokenizedText input = prepared.get(index);
			if (input == null) {
				outcomes.fail(index, EmbeddingFailureCode.EMPTY_INPUT, "empty text, nothing to embed");
			}
			else {
				pending.add(new PendingInput(index, input.text(), input.tokens()));
			}
		}
		sendAll(packer.pack(pending), outcomes);
		EmbeddingBatchResult result = outcomes.result();
		log.debug("Embedded {} texts in {} requests, {} tokens, {} truncated, {} failed", texts.size(),
				result.requestsSent(), result.tokensUsed(), result.truncatedCount(), result.failures().size());
		return result;
	}

	/** What {@link #embedAll} would send for these texts, without sending anything. */
	public TextEmbeddingEstimate estimate(List<String> texts) {
		List<PendingInput> pending = new ArrayList<>();
		int truncated = 0;
		List<TokenizedText> prepared = prepare(texts);
		for (int index = 0; index < prepared.size(); index++) {
			TokenizedText input = prepared.get(index);
			if (input != null) {
				pending.add(new PendingInput(index, input.text(), input.tokens()));
				truncated += input.truncated() ? 1 : 0;
			}
		}
		long tokens = pending.stream().mapToLong(PendingInput::tokens).sum();
		return new TextEmbeddingEstimate(pending.size(), packer.pack(pending).size(), tokens, truncated,
				tokens * settings.pricePerMillionTokens() / 1_000_000);
	}

	@Override
	public void close() {
		requestThreads.shutdownNow();
	}

	private List<TokenizedText> prepare(List<String> texts) {
		List<TokenizedText> prepared = new ArrayList<>(texts.size());
		for (String text : texts) {
			prepared.add((text == null || text.isBlank()) ? null : tokenizer.fit(text));
		}
		return prepared;
	}

	private void sendAll(List<PackedRequest> requests, BatchOutcomes outcomes) throws InterruptedException {
		if (requests.size() == 1) {
			sender.send(requests.get(0), outcomes);
			return;
		}
		List<Future<Void>> pending = new ArrayList<>(requests.size());
		for (PackedRequest request : requests) {
			pending.add(requestThreads.submit(() -> {
				sender.send(request, outcomes);
				return null;
			}));
		}
		try {
			for (Future<Void> future : pending) {
				future.get();
			}
		}
		catch (ExecutionException ex) {
			pending.forEach(future -> future.cancel(true));
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			if (ex.getCause() instanceof InterruptedException interrupted) {
				throw interrupted;
			}
			throw new IllegalStateException("embedding request failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			pending.forEach(future -> future.cancel(true));
			throw ex;
		}
	}

}
