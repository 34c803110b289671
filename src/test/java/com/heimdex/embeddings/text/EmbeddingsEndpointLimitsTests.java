package com.heimdex.embeddings.text;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.endpoint;
import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;

/** Answers no endpoint may impose: endless bodies, day-long retry delays. */
@Timeout(60)
class EmbeddingsEndpointLimitsTests {

	private final HttpServer server;

	private final AtomicInteger requests = new AtomicInteger();

	/** Bytes of endless bodies the server got out before the client stopped reading. */
	private final AtomicLong endlessBytesSent = new AtomicLong();

	private volatile Handler handler;

	@FunctionalInterface
	interface Handler {

		void handle(HttpExchange exchange, int request) throws IOException;

	}

	EmbeddingsEndpointLimitsTests() throws IOException {
		this.server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		this.server.createContext("/v1/embeddings", (exchange) -> {
			try (exchange) {
				exchange.getRequestBody().readAllBytes();
				this.handler.handle(exchange, this.requests.incrementAndGet());
			}
			catch (IOException clientWentAway) {
				// the client stopped reading, as it should
			}
		});
		this.server.setExecutor(Executors.newCachedThreadPool());
		this.server.start();
	}

	@AfterEach
	void stop() {
		this.server.stop(0);
	}

	@Test
	void anEndlessAnswerIsCutAtWhatItsVectorsCanTakeAndRecordedAsInvalid() throws Exception {
		this.handler = (exchange, request) -> endless(exchange, 200, "{\"data\": [");

		EmbeddingBatchResult result = embed("max-attempts=1");

		assertThat(result.failures()).hasSize(2).allSatisfy((outcome) -> {
			assertThat(outcome.failure().code()).isEqualTo(EmbeddingFailureCode.INVALID_RESPONSE);
			assertThat(outcome.failure().detail()).contains("larger than");
		});
		assertThat(this.endlessBytesSent.get()).as("bytes sent before the client hung up").isLessThan(32L << 20);
	}

	@Test
	void anAnswerDeclaredLargerThanItsVectorsCanTakeIsNotRead() throws Exception {
		this.handler = (exchange, request) -> {
			exchange.sendResponseHeaders(200, 3_000_000_000L);
			exchange.getResponseBody().write(new byte[1024]);
		};

		EmbeddingBatchResult result = embed("max-attempts=1");

		assertThat(result.failures()).hasSize(2)
			.allSatisfy((outcome) -> assertThat(outcome.failure().code()).isEqualTo(EmbeddingFailureCode.INVALID_RESPONSE));
	}

	@Test
	void anEndlessErrorBodyIsReadOnlyAsFarAsAMessageGoes() throws Exception {
		this.handler = (exchange, request) -> endless(exchange, 500, "");

		EmbeddingBatchResult result = embed("max-attempts=2");

		assertThat(result.failures()).hasSize(2).allSatisfy((outcome) -> {
			assertThat(outcome.failure().code()).isEqualTo(EmbeddingFailureCode.SERVER_ERROR);
			assertThat(outcome.failure().detail().length()).isLessThan(1000);
		});
		assertThat(this.requests.get()).isEqualTo(2);
		assertThat(this.endlessBytesSent.get()).as("bytes sent before the client hung up").isLessThan(32L << 20);
	}

	@Test
	void aServerNamedDelayIsWaitedAtMostTheCeiling() throws Exception {
		this.handler = (exchange, request) -> {
			if (request == 1) {
				exchange.getResponseHeaders().add("Retry-After", "86400");
				send(exchange, 429, "{\"error\": {\"message\": \"slow down\"}}");
				return;
			}
			send(exchange, 200, new String(FakeEmbeddingServer.JSON
				.writeValueAsBytes(FakeEmbeddingAnswer.embeddings(List.of("a", "b"), 2, 8).body()), StandardCharsets.UTF_8));
		};
		long start = System.nanoTime();

		EmbeddingBatchResult result = embed("max-retry-after=300ms");

		assertThat(result.failures()).isEmpty();
		assertThat((System.nanoTime() - start) / 1e9).as("seconds waited").isBetween(0.3, 10.0);
		assertThat(this.requests.get()).isEqualTo(2);
	}

	private EmbeddingBatchResult embed(String... settings) throws Exception {
		String[] all = Arrays.copyOf(settings, settings.length + 1);
		all[settings.length] = "dimensions=8";
		try (OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(settings(all),
				endpoint("http://127.0.0.1:" + this.server.getAddress().getPort() + "/v1", null))) {
			return client.embedAll(List.of("a", "b"));
		}
	}

	private static void send(HttpExchange exchange, int status, String body) throws IOException {
		byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/** A body that never ends, until the client stops reading (at most a gigabyte). */
	private void endless(HttpExchange exchange, int status, String start) throws IOException {
		exchange.getResponseHeaders().add("Content-Type", "application/json");
		exchange.sendResponseHeaders(status, 0);
		OutputStream out = exchange.getResponseBody();
		out.write(start.getBytes(StandardCharsets.UTF_8));
		byte[] numbers = "0.125,".repeat(10_000).getBytes(StandardCharsets.UTF_8);
		for (long written = 0; written < (1L << 30); written += numbers.length) {
			out.write(numbers);
			this.endlessBytesSent.addAndGet(numbers.length);
		}
	}

}
