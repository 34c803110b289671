package com.heimdex.embeddings.text;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.heimdex.embeddings.text.FakeEmbeddingServer.RecordedRequest;

import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.endpoint;
import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Budgets measured from what the server received. A minute is scaled down to one second so that
 * each test runs in about two seconds; the budgets' arithmetic does not depend on the period.
 */
class OpenAiEmbeddingClientRateTests {

	private static final Duration SCALED_MINUTE = Duration.ofSeconds(1);

	private final FakeEmbeddingServer server = new FakeEmbeddingServer();

	OpenAiEmbeddingClientRateTests() throws IOException {
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	@Test
	void neverExceedsTheRequestBudgetAndUsesIt() throws Exception {
		// given 120 requests per (scaled) minute and 300 one-text requests
		TextEmbeddingRateLimiter budget = limiter(120, 100_000_000);
		List<String> texts = IntStream.range(0, 300).mapToObj(i -> "scene " + i).toList();

		// when
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(settings("dimensions=8",
				"max-inputs-per-request=1"), endpoint(server.baseUrl(), null), budget)) {
			result = client.embedAll(texts);
		}

		// then no window saw more than 120 + 120/s, and the 180 beyond the burst took about 1.5 s
		List<RecordedRequest> requests = server.requests();
		assertThat(result.failures()).isEmpty();
		assertThat(requests).hasSize(300);
		assertConforms(requests, request -> 1, 120, 2);
		assertThat(span(requests)).isGreaterThan(Duration.ofMillis(1400)).isLessThan(Duration.ofMillis(1500 * 10 / 9));
	}

	@Test
	void neverExceedsTheTokenBudgetAndUsesIt() throws Exception {
		// given 2,000 tokens per (scaled) minute and 50 one-text requests of about 100 tokens
		TextEmbeddingRateLimiter budget = limiter(100_000, 2000);
		List<String> texts = IntStream.range(0, 50).mapToObj(i -> "word ".repeat(99) + i).toList();

		// when
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(settings("dimensions=8",
				"max-inputs-per-request=1"), endpoint(server.baseUrl(), null), budget)) {
			result = client.embedAll(texts);
		}

		// then
		List<RecordedRequest> requests = server.requests();
		long totalTokens = requests.stream().mapToLong(RecordedRequest::tokens).sum();
		double expectedSeconds = (totalTokens - 2000) / 2000.0;
		assertThat(result.failures()).isEmpty();
		assertThat(result.tokensUsed()).isEqualTo(totalTokens);
		assertConforms(requests, RecordedRequest::tokens, 2000, 2 * 101);
		assertThat(span(requests).toMillis() / 1000.0).isGreaterThan(expectedSeconds - 0.1)
			.isLessThan(expectedSeconds / 0.9);
	}

	@Test
	void usesAThrottlingServersBudgetAndLosesNothing() throws Exception {
		// given a server allowing 30 requests per (scaled) minute, below what the client is configured for
		server.enforceLimits(30, 100_000_000, SCALED_MINUTE);
		List<String> texts = IntStream.range(0, 90).mapToObj(i -> "scene " + i).toList();

		// when
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = TextEmbeddingTestSettings.client(server, null,
				settings("dimensions=8", "max-inputs-per-request=1", "max-attempts=10"))) {
			result = client.embedAll(texts);
		}

		// then everything is embedded, and the 60 beyond the server's burst took at most 10/9 of 2 s
		List<RecordedRequest> accepted = server.acceptedRequests();
		assertThat(result.failures()).isEmpty();
		assertThat(accepted).hasSize(90);
		assertThat(span(accepted)).isLessThan(Duration.ofMillis(2000 * 10 / 9));
		assertThat(server.requests().size() - accepted.size()).as("429 answers").isPositive();
	}

	private static TextEmbeddingRateLimiter limiter(long requests, long tokens) {
		return new TextEmbeddingRateLimiter(requests, tokens, SCALED_MINUTE, TimeMeter.SYSTEM_NANOTIME,
				BlockingStrategy.PARKING);
	}

	private static Duration span(List<RecordedRequest> requests) {
		return Duration.ofNanos(requests.get(requests.size() - 1).receivedNanos() - requests.get(0).receivedNanos());
	}

	/**
	 * Over every window between two received requests the amount is at most capacity + rate * width,
	 * give or take {@code slack} for the network delay between the client's clock and the server's.
	 */
	private static void assertConforms(List<RecordedRequest> requests,
			java.util.function.ToLongFunction<RecordedRequest> amount, long capacity, long slack) {
		double perNano = capacity / (double) SCALED_MINUTE.toNanos();
		for (int i = 0; i < requests.size(); i++) {
			long total = 0;
			for (int j = i; j < requests.size(); j++) {
				total += amount.applyAsLong(requests.get(j));
				long width = requests.get(j).receivedNanos() - requests.get(i).receivedNanos();
				assertThat(total).as("received in window %d..%d", i, j)
					.isLessThanOrEqualTo((long) (capacity + perNano * width) + slack);
			}
		}
	}

}
