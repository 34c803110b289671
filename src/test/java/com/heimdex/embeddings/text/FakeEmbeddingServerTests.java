package com.heimdex.embeddings.text;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Collections;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

class FakeEmbeddingServerTests {

	private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@Test
	void embedsASingleStringInputWithUsageAndDimensions() throws Exception {
		try (FakeEmbeddingServer server = new FakeEmbeddingServer()) {
			// when
			HttpResponse<String> response = post(server, "{\"model\":\"m\",\"input\":\"hello world\",\"dimensions\":3}");

			// then
			JsonNode body = FakeEmbeddingServer.JSON.readTree(response.body());
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(body.path("usage").path("prompt_tokens").asInt()).isEqualTo(2);
			assertThat(body.path("data").get(0).path("embedding").size()).isEqualTo(3);
			assertThat((float) body.path("data").get(0).path("embedding").get(0).asDouble())
				.isEqualTo(FakeEmbeddingServer.vectorFor("hello world", 3)[0]);
			assertThat(server.requests()).singleElement().satisfies(request -> {
				assertThat(request.inputs()).containsExactly("hello world");
				assertThat(request.tokens()).isEqualTo(2);
			});
		}
	}

	@Test
	void rejectsMoreThan2048InputsLikeTheApi() throws Exception {
		try (FakeEmbeddingServer server = new FakeEmbeddingServer()) {
			String inputs = String.join(",", Collections.nCopies(2049, "\"x\""));

			HttpResponse<String> response = post(server, "{\"model\":\"m\",\"input\":[" + inputs + "]}");

			assertThat(response.statusCode()).isEqualTo(400);
			assertThat(response.body()).contains("2049 inputs");
		}
	}

	@Test
	void throttlesOverItsOwnBudgetWithExactRetryHeaders() throws Exception {
		try (FakeEmbeddingServer server = new FakeEmbeddingServer()) {
			server.enforceLimits(1, 1_000, java.time.Duration.ofMinutes(1));

			assertThat(post(server, "{\"model\":\"m\",\"input\":[\"a\"]}").statusCode()).isEqualTo(200);
			HttpResponse<String> throttled = post(server, "{\"model\":\"m\",\"input\":[\"a\"]}");

			assertThat(throttled.statusCode()).isEqualTo(429);
			assertThat(throttled.headers().firstValue("Retry-After")).contains("60");
			assertThat(throttled.headers().firstValue("x-ratelimit-remaining-requests")).contains("0");
			assertThat(Long.parseLong(throttled.headers().firstValue("retry-after-ms").orElseThrow()))
				.isBetween(59_000L, 60_000L);
		}
	}

	private HttpResponse<String> post(FakeEmbeddingServer server, String body) throws Exception {
		return http.send(HttpRequest.newBuilder(URI.create(server.baseUrl() + "/embeddings"))
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

}
