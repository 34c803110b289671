package com.heimdex.embeddings.text;

import java.io.IOException;
import java.net.ServerSocket;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.heimdex.embeddings.text.FakeEmbeddingServer.RecordedRequest;

import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.client;
import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

class OpenAiEmbeddingClientTests {

	private final FakeEmbeddingServer server = new FakeEmbeddingServer();

	OpenAiEmbeddingClientTests() throws IOException {
	}

	@AfterEach
	void stopServer() {
		server.close();
	}

	@Test
	void embedsEachTextWithItsOwnVectorInOneRequest() throws Exception {
		// given
		List<String> texts = List.of("a dog runs on the beach", "two people talk in a kitchen", "sunset over the sea");

		// when
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings())) {
			result = client.embedAll(texts);
		}

		// then
		assertThat(result.failures()).isEmpty();
		for (int i = 0; i < texts.size(); i++) {
			assertThat(result.outcomes().get(i).vector()).containsExactly(FakeEmbeddingServer.vectorFor(texts.get(i), 1536));
			assertThat(result.outcomes().get(i).index()).isEqualTo(i);
		}
		RecordedRequest request = server.requests().get(0);
		assertThat(server.requests()).hasSize(1);
		assertThat(request.inputs()).isEqualTo(texts);
		assertThat(request.model()).isEqualTo("text-embedding-3-small");
		assertThat(request.dimensions()).isEqualTo(1536);
		assertThat(request.encodingFormat()).isEqualTo("float");
		assertThat(request.authorization()).as("no key, no header").isNull();
		assertThat(result.requestsSent()).isEqualTo(1);
		assertThat(result.tokensUsed()).isEqualTo(request.tokens());
		assertThat(result.outcomes().stream().mapToLong(TextEmbeddingOutcome::tokens).sum()).isEqualTo(request.tokens());
	}

	@Test
	void sendsTheKeyAsBearerToken() throws Exception {
		server.requireApiKey("sk-test-123");

		try (OpenAiEmbeddingClient client = client(server, "sk-test-123", settings())) {
			assertThat(client.embedAll(List.of("hello")).failures()).isEmpty();
		}

		assertThat(server.requests().get(0).authorization()).isEqualTo("Bearer sk-test-123");
	}

	@Test
	void packsThousandsOfTextsIntoFewRequests() throws Exception {
		// given 5000 scene texts
		List<String> texts = IntStream.range(0, 5000).mapToObj(i -> "scene " + i + " shows a person walking").toList();

		// when
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=8"))) {
			result = client.embedAll(texts);
		}

		// then at most 2048 per request, well under one request per 100 texts
		assertThat(result.failures()).isEmpty();
		assertThat(server.requests()).extracting(request -> request.inputs().size())
			.containsExactlyInAnyOrder(2048, 2048, 904);
		assertThat(result.outcomes().get(4999).vector()).containsExactly(FakeEmbeddingServer.vectorFor(texts.get(4999), 8));
	}

	@Test
	void keepsEveryRequestUnderTheTokenCap() throws Exception {
		List<String> texts = IntStream.range(0, 40).mapToObj(i -> "word ".repeat(100) + i).toList();

		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=8", "max-tokens-per-request=1000",
				"max-concurrent-requests=1"))) {
			assertThat(client.embedAll(texts).failures()).isEmpty();
		}

		assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(4)
			.allSatisfy(request -> assertThat(request.tokens()).isLessThanOrEqualTo(1000));
	}

	@Test
	void truncatesTextsOverTheContextAndRecordsIt() throws Exception {
		// given one transcript of ~12,000 tokens, which the server would reject whole
		String transcript = "the quick brown fox jumps over the lazy dog again and again. ".repeat(1000);

		// when
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=8"))) {
			result = client.embedAll(List.of(transcript, "short"));
		}

		// then
		TextEmbeddingOutcome outcome = result.outcomes().get(0);
		assertThat(outcome.succeeded()).isTrue();
		assertThat(outcome.truncated()).isTrue();
		assertThat(outcome.tokens()).isLessThanOrEqualTo(8191);
		assertThat(result.outcomes().get(1).truncated()).isFalse();
		assertThat(result.truncatedCount()).isEqualTo(1);
		assertThat(transcript).startsWith(server.requests().get(0).inputs().get(0));
	}

	@Test
	void doesNotSendEmptyTexts() throws Exception {
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=8"))) {
			result = client.embedAll(java.util.Arrays.asList("first", "  ", null, "last"));
		}

		assertThat(result.failures()).extracting(TextEmbeddingOutcome::index).containsExactly(1, 2);
		assertThat(result.failures().get(0).failure().code()).isEqualTo(EmbeddingFailureCode.EMPTY_INPUT);
		assertThat(server.requests().get(0).inputs()).containsExactly("first", "last");
	}

	@Test
	void omitsDimensionsWhenToldAndChecksTheLengthReturned() throws Exception {
		// given a server whose model has 768 dimensions, configured as 1536
		server.nativeDimensions(768);

		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = client(server, null, settings("send-dimensions=false"))) {
			result = client.embedAll(List.of("one", "two"));
		}

		assertThat(server.requests().get(0).dimensions()).isNull();
		assertThat(result.failures()).hasSize(2).allSatisfy(outcome -> {
			assertThat(outcome.failure().code()).isEqualTo(EmbeddingFailureCode.DIMENSION_MISMATCH);
			assertThat(outcome.failure().detail()).contains("1536").contains("768");
		});
	}

	@Test
	void estimatesWithoutSending() throws Exception {
		List<String> texts = IntStream.range(0, 3000).mapToObj(i -> "hello world").toList();

		TextEmbeddingEstimate estimate;
		try (OpenAiEmbeddingClient client = client(server, null, settings())) {
			estimate = client.estimate(texts);
		}

		assertThat(estimate).isEqualTo(new TextEmbeddingEstimate(3000, 2, 6000, 0, 6000 * 0.02 / 1_000_000));
		assertThat(server.requests()).isEmpty();
	}

	@Test
	void embedAllReturnsOneOutcomePerInputInOrder() throws Exception {
		try (OpenAiEmbeddingClient client = client(server, null, settings("dimensions=4"))) {
			EmbeddingBatchResult result = client.embedAll(List.of("x", "", "y"));

			assertThat(result.outcomes()).hasSize(3);
			assertThat(result.outcomes().get(0).vector()).isEqualTo(FakeEmbeddingServer.vectorFor("x", 4));
			assertThat(result.outcomes().get(1).vector()).isNull();
			assertThat(result.outcomes().get(1).failure().code().code()).isEqualTo("empty_input");
			assertThat(result.outcomes().get(2).vector()).isEqualTo(FakeEmbeddingServer.vectorFor("y", 4));
		}
	}

	@Test
	void unreachableServerFailsWithConnectionError() throws Exception {
		int closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = socket.getLocalPort();
		}
		OpenAiEndpointProperties nowhere = TextEmbeddingTestSettings.endpoint("http://127.0.0.1:" + closedPort + "/v1", null);

		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(settings("max-attempts=2"), nowhere)) {
			result = client.embedAll(List.of("hello"));
		}

		assertThat(result.failures()).singleElement()
			.satisfies(outcome -> assertThat(outcome.failure().code()).isEqualTo(EmbeddingFailureCode.CONNECTION_ERROR));
		assertThat(result.requestsSent()).isEqualTo(2);
	}

}
