package com.heimdex.embeddings.text;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.ToLongFunction;

import com.heimdex.embeddings.batch.JobDescriptor;
import com.heimdex.embeddings.batch.ResumingJobLauncher;
import com.heimdex.embeddings.support.DatabaseTest;
import com.heimdex.embeddings.text.FakeEmbeddingServer.RecordedRequest;
import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.TimeMeter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.convention.TestBean;

import static com.heimdex.embeddings.text.TextBackfillTestSupport.count;
import static com.heimdex.embeddings.text.TextBackfillTestSupport.shortScenes;
import static com.heimdex.embeddings.text.TextBackfillTestSupport.video;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * textBackfill against a server that answers 30% of requests 429: nothing is lost, and what the
 * server receives stays within the configured budgets. A minute is scaled down to one second, as
 * in the client's rate tests; the budgets' arithmetic does not depend on the period.
 */
class TextBackfillRateLimitTests extends DatabaseTest {

	private static final Duration SCALED_MINUTE = Duration.ofSeconds(1);

	private static final long REQUESTS_PER_MINUTE = 30;

	private static final long TOKENS_PER_MINUTE = 3000;

	private static final FakeEmbeddingServer server = startServer();

	@TestBean(name = "openAiEmbeddingClient")
	private OpenAiEmbeddingClient client;

	@Autowired
	private ResumingJobLauncher launcher;

	@Autowired
	@Qualifier("textBackfillDescriptor")
	private JobDescriptor descriptor;

	static OpenAiEmbeddingClient client() {
		TextEmbeddingProperties settings = TextEmbeddingTestSettings.settings("requests-per-minute=" + REQUESTS_PER_MINUTE,
				"tokens-per-minute=" + TOKENS_PER_MINUTE, "max-input-tokens=1000", "max-inputs-per-request=20",
				"max-attempts=12", "max-backoff=50ms");
		return new OpenAiEmbeddingClient(settings, TextEmbeddingTestSettings.endpoint(server.baseUrl(), null),
				new TextEmbeddingRateLimiter(REQUESTS_PER_MINUTE, TOKENS_PER_MINUTE, SCALED_MINUTE,
						TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING));
	}

	@DynamicPropertySource
	static void endpoint(DynamicPropertyRegistry registry) {
		registry.add("openai.base-url", server::baseUrl);
	}

	@AfterAll
	static void stopServer() {
		server.close();
	}

	@Test
	void withThirtyPercentOfRequestsThrottledEverythingIsEmbeddedWithinTheBudgets() throws Exception {
		UUID owner = UUID.randomUUID();
		shortScenes(this.jdbc, video(this.jdbc, owner), owner, 600);
		server.rateLimit(0.3, Map.of());

		JobExecution execution = this.launcher.launch("textBackfill",
				this.descriptor.toJobParameters(List.of("channels=transcript")));

		TextBackfillSummary summary = TextBackfillSummary.of(execution);
		List<RecordedRequest> requests = server.requests();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(count(this.jdbc, "embedding_transcript IS NOT NULL")).isEqualTo(600);
		assertThat(count(this.jdbc, "text_embedding_metadata #>> '{transcript,error}' IS NOT NULL")).isZero();
		assertThat(summary.failed()).isZero();
		assertThat(requests.stream().filter((request) -> request.status() == 429).count()).as("429 answers").isPositive();
		assertThat(server.acceptedRequests()).hasSize(30);
		assertThat(summary.requestsSent()).isEqualTo(requests.size());
		int largest = requests.stream().mapToInt(RecordedRequest::tokens).max().orElseThrow();
		assertConforms(requests, (request) -> 1, REQUESTS_PER_MINUTE, 2);
		assertConforms(requests, RecordedRequest::tokens, TOKENS_PER_MINUTE, 2L * largest);
	}

	/**
	 * Over every window between two received requests the amount is at most capacity + rate * width,
	 * give or take {@code slack} for the network delay between the client's clock and the server's.
	 */
	private static void assertConforms(List<RecordedRequest> requests, ToLongFunction<RecordedRequest> amount,
			long capacity, long slack) {
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

	private static FakeEmbeddingServer startServer() {
		try {
			return new FakeEmbeddingServer();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
