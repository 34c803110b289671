package com.heimdex.embeddings.thumbnail;

import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static com.heimdex.embeddings.thumbnail.ThumbnailDecoderTests.assertFailure;
import static com.heimdex.embeddings.thumbnail.ThumbnailDecoderTests.catchFailure;
import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailFetcherTests {

	private final ThumbnailTestServer server = ThumbnailTestServer.start();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void fetchesBytesWithContentTypeAndFinalUrl() {
		// given
		byte[] jpeg = TestImages.jpeg(32, 32);
		this.server.serve("/t/scene_1.jpg", jpeg, "image/jpeg");

		// when
		FetchedThumbnail fetched = fetcher(3, 1_000_000, Duration.ofSeconds(5)).fetch(this.server.url("/t/scene_1.jpg"));

		// then
		assertThat(fetched.bytes()).isEqualTo(jpeg);
		assertThat(fetched.contentType()).isEqualTo("image/jpeg");
		assertThat(fetched.finalUrl()).isEqualTo(this.server.uri("/t/scene_1.jpg"));
		assertThat(fetched.elapsedMillis()).isGreaterThanOrEqualTo(0);
		assertThat(this.server.requestCount("/t/scene_1.jpg")).isEqualTo(1);
	}

	@Test
	void reportsNotFoundWithoutRetrying() {
		this.server.notFound("/missing.jpg").status("/gone.jpg", 410);
		ThumbnailFetcher fetcher = fetcher(3, 1_000_000, Duration.ofSeconds(5));

		assertFailure(() -> fetcher.fetch(this.server.url("/missing.jpg")), ThumbnailFailure.NOT_FOUND);
		assertFailure(() -> fetcher.fetch(this.server.url("/gone.jpg")), ThumbnailFailure.NOT_FOUND);
		assertThat(this.server.requestCount("/missing.jpg")).isEqualTo(1);
		assertThat(this.server.requestCount("/gone.jpg")).isEqualTo(1);
	}

	@Test
	void reportsAnErrorWithALongPageByItsStatusAndFetchesTheNextThumbnail() {
		// given: a page too long to read past, so its connection is dropped
		this.server.statusWithLargeBody("/missing-with-page.jpg", 404, 500_000).serve("/next.jpg", TestImages.jpeg(8, 8),
				"image/jpeg");
		ThumbnailFetcher fetcher = fetcher(3, 1_000_000, Duration.ofSeconds(5));

		// then
		assertFailure(() -> fetcher.fetch(this.server.url("/missing-with-page.jpg")), ThumbnailFailure.NOT_FOUND);
		assertThat(fetcher.fetch(this.server.url("/next.jpg")).bytes()).isNotEmpty();
		assertThat(this.server.requestCount("/missing-with-page.jpg")).isEqualTo(1);
	}

	@Test
	void reportsOtherClientErrorsAsHttpErrorWithoutRetrying() {
		this.server.status("/forbidden.jpg", 403);

		assertFailure(() -> fetcher(3, 1_000_000, Duration.ofSeconds(5)).fetch(this.server.url("/forbidden.jpg")),
				ThumbnailFailure.HTTP_ERROR);
		assertThat(this.server.requestCount("/forbidden.jpg")).isEqualTo(1);
	}

	@Test
	void retriesAPersistentServerErrorWithBackOffThenReportsHttpError() {
		// given: back-off of 100 ms, then 200 ms, each give or take the jitter but never below 100 ms
		this.server.status("/broken.jpg", 500);
		ThumbnailFetcher fetcher = new ThumbnailFetcher(properties(3, 1_000_000, Duration.ofSeconds(5), Duration.ofMillis(100)),
				StorageProperties.none());

		// when
		long started = System.nanoTime();
		ThumbnailException failure = catchFailure(() -> fetcher.fetch(this.server.url("/broken.jpg")));
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

		// then
		assertThat(failure.failure()).isEqualTo(ThumbnailFailure.HTTP_ERROR);
		assertThat(failure.detail()).contains("HTTP 500").contains("after 3 attempts");
		assertThat(this.server.requestCount("/broken.jpg")).isEqualTo(3);
		assertThat(elapsedMillis).isGreaterThanOrEqualTo(200);
	}

	@Test
	void succeedsWhenAServerErrorClearsUpBeforeTheLastAttempt() {
		// given
		byte[] png = TestImages.png(8, 8);
		this.server.failThenServe("/flaky.png", 2, 503, png, "image/png");

		// when
		FetchedThumbnail fetched = fetcher(3, 1_000_000, Duration.ofSeconds(5)).fetch(this.server.url("/flaky.png"));

		// then
		assertThat(fetched.bytes()).isEqualTo(png);
		assertThat(this.server.requestCount("/flaky.png")).isEqualTo(3);
	}

	@Test
	void retriesTooManyRequests() {
		byte[] png = TestImages.png(8, 8);
		this.server.failThenServe("/throttled.png", 1, 429, png, "image/png");

		FetchedThumbnail fetched = fetcher(2, 1_000_000, Duration.ofSeconds(5)).fetch(this.server.url("/throttled.png"));

		assertThat(fetched.bytes()).isEqualTo(png);
		assertThat(this.server.requestCount("/throttled.png")).isEqualTo(2);
	}

	@Test
	void reportsTimeoutWhenHeadersAreLateAndRetriesIt() {
		this.server.slow("/slow.jpg", Duration.ofSeconds(3), TestImages.jpeg(8, 8), "image/jpeg");

		assertFailure(() -> fetcher(2, 1_000_000, Duration.ofMillis(300)).fetch(this.server.url("/slow.jpg")),
				ThumbnailFailure.TIMEOUT);
		assertThat(this.server.requestCount("/slow.jpg")).isEqualTo(2);
	}

	@Test
	void reportsTimeoutWhenTheBodyStallsPastTheReadBudget() {
		this.server.stallBody("/stall.jpg", Duration.ofSeconds(3), TestImages.jpeg(64, 64), "image/jpeg");

		assertFailure(() -> fetcher(1, 1_000_000, Duration.ofMillis(400)).fetch(this.server.url("/stall.jpg")),
				ThumbnailFailure.TIMEOUT);
	}

	@Test
	void reportsTimeoutWhenTheWholeBodyTakesLongerThanTheReadBudget() {
		// given: every byte comes well within the budget, the whole body does not
		this.server.trickle("/trickle.jpg", Duration.ofMillis(50), new byte[200], "image/jpeg");

		// when
		long started = System.nanoTime();
		ThumbnailException failure = catchFailure(
				() -> fetcher(1, 1_000_000, Duration.ofMillis(400)).fetch(this.server.url("/trickle.jpg")));
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

		// then: given up at the budget, not when the body (10 s) would have ended
		assertThat(failure.failure()).isEqualTo(ThumbnailFailure.TIMEOUT);
		assertThat(elapsedMillis).isBetween(400L, 3_000L);
	}

	@Test
	void keepsItsConnectionForTheNextThumbnailAfterSuccessesAndErrors() {
		// given
		this.server.serve("/a.jpg", TestImages.jpeg(8, 8), "image/jpeg").notFound("/missing.jpg");
		ThumbnailFetcher fetcher = fetcher(1, 1_000_000, Duration.ofSeconds(5));

		// when: one after the other, as one fetching thread asks
		for (int i = 0; i < 3; i++) {
			fetcher.fetch(this.server.url("/a.jpg"));
			assertFailure(() -> fetcher.fetch(this.server.url("/missing.jpg")), ThumbnailFailure.NOT_FOUND);
		}

		// then
		assertThat(this.server.requestCount("/a.jpg")).isEqualTo(3);
		assertThat(this.server.connectionCount()).isEqualTo(1);
	}

	@Test
	void refusesADeclaredContentLengthOverTheLimitBeforeReadingTheBody() {
		// given: 1 GiB declared, 10 bytes sent, then the connection drops; only a client that
		// trusts Content-Length ends with thumbnail_too_large rather than a transfer error
		this.server.declareLength("/huge.jpg", 1L << 30, new byte[10], "image/jpeg");

		assertFailure(() -> fetcher(3, 1_000_000, Duration.ofSeconds(5)).fetch(this.server.url("/huge.jpg")),
				ThumbnailFailure.TOO_LARGE);
		assertThat(this.server.requestCount("/huge.jpg")).isEqualTo(1);
	}

	@Test
	void countsStreamedBytesWhenThereIsNoContentLength() {
		this.server.serveWithoutContentLength("/chunked.bin", new byte[5_000], "image/jpeg");

		ThumbnailException failure = catchFailure(
				() -> fetcher(3, 4_096, Duration.ofSeconds(5)).fetch(this.server.url("/chunked.bin")));

		assertThat(failure.failure()).isEqualTo(ThumbnailFailure.TOO_LARGE);
		assertThat(failure.detail()).contains("streamed");
		assertThat(this.server.requestCount("/chunked.bin")).isEqualTo(1);
	}

	@Test
	void dropsARefusedBodyWithoutReadingTheRestOfIt() {
		// given: bodies over the limit whose senders then hold the connection for 5 s
		this.server.sendThenStall("/declared.jpg", 1_000_000, new byte[10], Duration.ofSeconds(5), "image/jpeg")
			.sendThenStall("/streamed.jpg", -1, new byte[8_192], Duration.ofSeconds(5), "image/jpeg");
		ThumbnailFetcher fetcher = fetcher(1, 4_096, Duration.ofSeconds(10));

		// when
		long started = System.nanoTime();
		assertFailure(() -> fetcher.fetch(this.server.url("/declared.jpg")), ThumbnailFailure.TOO_LARGE);
		assertFailure(() -> fetcher.fetch(this.server.url("/streamed.jpg")), ThumbnailFailure.TOO_LARGE);
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;

		// then: refused as soon as the limit was known to be passed
		assertThat(elapsedMillis).isLessThan(2_500);
	}

	@Test
	void acceptsABodyOfExactlyTheLimit() {
		this.server.serveWithoutContentLength("/exact.bin", new byte[4_096], "image/jpeg")
			.serve("/exact-declared.bin", new byte[4_096], "image/jpeg");
		ThumbnailFetcher fetcher = fetcher(1, 4_096, Duration.ofSeconds(5));

		assertThat(fetcher.fetch(this.server.url("/exact.bin")).bytes()).hasSize(4_096);
		assertThat(fetcher.fetch(this.server.url("/exact-declared.bin")).bytes()).hasSize(4_096);
	}

	@Test
	void reportsATransferCutShortAsHttpError() {
		this.server.declareLength("/cut.jpg", 1_000, new byte[10], "image/jpeg");

		assertFailure(() -> fetcher(2, 1_000_000, Duration.ofSeconds(5)).fetch(this.server.url("/cut.jpg")),
				ThumbnailFailure.HTTP_ERROR);
		assertThat(this.server.requestCount("/cut.jpg")).isEqualTo(2);
	}

	@Test
	void reportsARefusedConnectionAsHttpError() {
		// given: a port nobody listens on any more
		ThumbnailTestServer closed = ThumbnailTestServer.start();
		String url = closed.url("/a.jpg");
		closed.close();

		assertFailure(() -> fetcher(2, 1_000_000, Duration.ofSeconds(5)).fetch(url), ThumbnailFailure.HTTP_ERROR);
	}

	static ThumbnailProperties properties(int maxAttempts, long maxBytes, Duration readTimeout, Duration backoff) {
		return new ThumbnailProperties(true, DataSize.ofBytes(maxBytes), 40_000_000L, Duration.ofSeconds(2), readTimeout,
				maxAttempts, backoff, 5, 8);
	}

	private static ThumbnailFetcher fetcher(int maxAttempts, long maxBytes, Duration readTimeout) {
		return new ThumbnailFetcher(properties(maxAttempts, maxBytes, readTimeout, Duration.ofMillis(10)),
				StorageProperties.none());
	}

}
