package com.heimdex.embeddings.text;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.heimdex.embeddings.text.FakeEmbeddingServer.RecordedRequest;

import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.client;
import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class OpenAiEmbeddingClientFaultTests {

	private final FakeEmbeddingServer server = new FakeEmbeddingServer();

	OpenAiEmbeddingClientFaultTests() throws IOException {
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	@Test
	void aRejectedInputFailsAloneAndTheRestOfItsBatchIsEmbedded() throws Exception {
		// given 20 texts, of which #5 and #13 are rejected by the server
		server.rejectInputsContaining("<<bad>>");
		List<String> texts = IntStream.range(0, 20)
			.mapToObj(i -> (i == 5 || i == 13) ? "scene " + i + " <<bad>>" : "scene " + i)
			.toList();

		// when
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=8"))) {
			result = client.embedAll(texts);
		}

		// then only those two failed, with the server's message; the others have their own vectors
		assertThat(result.failures()).extracting(TextEmbeddingOutcome::index).containsExactly(5, 13);
		assertThat(result.failures()).allSatisfy(outcome -> {
			assertThat(outcome.failure().code()).isEqualTo(EmbeddingFailureCode.INVALID_INPUT);
			assertThat(outcome.failure().detail()).contains("HTTP 400").contains("rejected content");
		});
		for (int i = 0; i < 20; i++) {
			if (i != 5 && i != 13) {
				assertThat(result.outcomes().get(i).vector()).containsExactly(FakeEmbeddingServer.vectorFor(texts.get(i), 8));
			}
		}
		assertThat(server.requests().size()).as("isolation costs a few requests, not one per input").isLessThan(20);
	}

	@Test
	void aServerThatRejectsEverythingStopsTheRunInsteadOfSplittingForever() throws Exception {
		// given a server that rejects every input, as it would for an unsupported 'dimensions'
		server.rejectInputsContaining("");
		List<String> texts = IntStream.range(0, 2048).mapToObj(i -> "scene " + i).toList();

		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=8"))) {
			assertThatExceptionOfType(EmbeddingEndpointException.class).isThrownBy(() -> client.embedAll(texts))
				.withMessageContaining("rejected");
		}

		assertThat(server.requests().size()).isLessThan(40);
	}

	@Test
	void unauthorisedStopsAtOnceWithoutMarkingAnythingOrLeakingTheKey() throws Exception {
		server.requireApiKey("sk-right");

		try (OpenAiEmbeddingClient client = client(server, "sk-wrong-key-42", settings())) {
			assertThatExceptionOfType(EmbeddingAuthenticationException.class)
				.isThrownBy(() -> client.embedAll(List.of("a", "b")))
				.withMessageContaining("401")
				.withMessageContaining("OPENAI_API_KEY")
				.withMessageNotContaining("sk-wrong-key-42");
		}

		assertThat(server.requests()).hasSize(1);
	}

	@Test
	void aWrongPathStopsTheRunWithAClearMessage() throws Exception {
		OpenAiEndpointProperties wrong = TextEmbeddingTestSettings.endpoint(server.baseUrl() + "/nope", null);

		try (OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(settings(), wrong)) {
			assertThatExceptionOfType(EmbeddingEndpointException.class).isThrownBy(() -> client.embedAll(List.of("a")))
				.withMessageContaining("404")
				.withMessageContaining("OPENAI_BASE_URL");
		}
	}

	@Test
	void serverErrorsAreRetriedUntilTheyPass() throws Exception {
		server.failWithServerError(2, 503);

		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=8"))) {
			result = client.embedAll(List.of("a", "b"));
		}

		assertThat(result.failures()).isEmpty();
		assertThat(server.requests()).extracting(RecordedRequest::status).containsExactly(503, 503, 200);
		assertThat(result.requestsSent()).isEqualTo(3);
	}

	@Test
	void serverErrorsThatOutlastTheAttemptsFailTheInputs() throws Exception {
		server.failWithServerError(100, 500);

		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("max-attempts=3"))) {
			result = client.embedAll(List.of("a", "b"));
		}

		assertThat(server.requests()).hasSize(3);
		assertThat(result.failures()).hasSize(2)
			.allSatisfy(outcome -> assertThat(outcome.failure().code()).isEqualTo(EmbeddingFailureCode.SERVER_ERROR));
	}

	@Test
	void slowAnswersFailAsTimeouts() throws Exception {
		server.latency(Duration.ofMillis(600));

		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("request-timeout=150ms", "max-attempts=2"))) {
			result = client.embedAll(List.of("a"));
		}

		assertThat(result.failures()).singleElement()
			.satisfies(outcome -> assertThat(outcome.failure().code()).isEqualTo(EmbeddingFailureCode.TIMEOUT));
		assertThat(result.requestsSent()).isEqualTo(2);
	}

	@Test
	void retryAfterIsHonoured() throws Exception {
		// given the first request is answered 429 with Retry-After: 1
		server.rateLimit(1.0, Map.of("Retry-After", "1"));
		Thread release = new Thread(() -> {
			while (server.requests().isEmpty()) {
				Thread.onSpinWait();
			}
			server.rateLimit(0, Map.of());
		});
		release.start();

		// when
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=8"))) {
			result = client.embedAll(List.of("a"));
		}
		release.join();

		// then the retry came no sooner than a second later
		List<RecordedRequest> requests = server.requests();
		assertThat(result.failures()).isEmpty();
		assertThat(requests).extracting(RecordedRequest::status).containsExactly(429, 200);
		assertThat(Duration.ofNanos(requests.get(1).receivedNanos() - requests.get(0).receivedNanos()))
			.isGreaterThanOrEqualTo(Duration.ofMillis(990));
	}

	@Test
	void everythingIsEmbeddedWhenThirtyPercentOfRequestsAreThrottled() throws Exception {
		// given 30% of requests answered 429 with OpenAI's reset header
		server.rateLimit(0.3, Map.of("x-ratelimit-reset-requests", "20ms", "x-ratelimit-remaining-requests", "0"));
		List<String> texts = IntStream.range(0, 600).mapToObj(i -> "scene " + i).toList();

		// when 60 requests of 10
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=8", "max-inputs-per-request=10",
				"max-attempts=10"))) {
			result = client.embedAll(texts);
		}

		// then
		assertThat(result.failures()).isEmpty();
		assertThat(server.acceptedRequests()).hasSize(60);
		assertThat(server.requests().stream().filter(request -> request.status() == 429).count()).isGreaterThan(10);
		assertThat(result.requestsSent()).isEqualTo(server.requests().size());
		for (int i = 0; i < texts.size(); i++) {
			assertThat(result.outcomes().get(i).vector()).containsExactly(FakeEmbeddingServer.vectorFor(texts.get(i), 8));
		}
	}

}
