package com.heimdex.embeddings.text;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.client;
import static com.heimdex.embeddings.text.TextEmbeddingTestSettings.settings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

@ExtendWith(OutputCaptureExtension.class)
class ApiKeyConfidentialityTests {

	private static final String KEY = "sk-proj-confidential-0123456789";

	private final FakeEmbeddingServer server = new FakeEmbeddingServer();

	private final List<Logger> verboseLoggers = List.of(logger("com.heimdex.embeddings.text"),
			logger("org.springframework.core.retry"));

	ApiKeyConfidentialityTests() throws IOException {
	}

	@BeforeEach
	void logEverything() {
		verboseLoggers.forEach(logger -> logger.setLevel(Level.TRACE));
	}

	@AfterEach
	void restore() {
		verboseLoggers.forEach(logger -> logger.setLevel(null));
		server.close();
	}

	@Test
	void theKeyAppearsInNoLogNoMessageAndNoToString(CapturedOutput output) throws Exception {
		// given a server that throttles, fails, rejects an input and checks the key
		server.requireApiKey(KEY)
			.failWithServerError(1, 502)
			.rateLimit(0.3, Map.of("retry-after-ms", "5"))
			.rejectInputsContaining("<<bad>>");
		OpenAiEndpointProperties endpoint = TextEmbeddingTestSettings.endpoint(server.baseUrl(), KEY);

		// when it is used successfully, and then with a key the server refuses (its answer echoes the key)
		EmbeddingBatchResult result;
		try (OpenAiEmbeddingClient client = new OpenAiEmbeddingClient(settings("dimensions=8"), endpoint)) {
			result = client.embedAll(List.of("one", "two <<bad>>", "three"));
		}
		server.requireApiKey("sk-something-else");
		Throwable refused;
		try (OpenAiEmbeddingClient client = client(server, KEY, settings())) {
			refused = catchThrowable(() -> client.embedAll(List.of("one")));
		}
		LoggerFactory.getLogger(ApiKeyConfidentialityTests.class).info("settings: {}, {}", endpoint, settings());
		LoggerFactory.getLogger(ApiKeyConfidentialityTests.class).info("refused", refused);

		// then the key was sent, but never shown
		assertThat(server.requests()).allSatisfy(request -> assertThat(request.authorization()).isEqualTo("Bearer " + KEY));
		assertThat(result.failures()).singleElement()
			.satisfies(outcome -> assertThat(outcome.failure().detail()).doesNotContain(KEY));
		assertThat(refused).isInstanceOf(EmbeddingAuthenticationException.class);
		assertThat(refused.getMessage()).doesNotContain(KEY).contains("***");
		assertThat(output.getAll()).contains("Request of").contains("hidden").doesNotContain(KEY);
	}

	private static Logger logger(String name) {
		return (Logger) LoggerFactory.getLogger(name);
	}

}
