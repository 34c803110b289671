package com.heimdex.embeddings.thumbnail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ThumbnailFetcherJitterTests {

	private final ThumbnailTestServer server = ThumbnailTestServer.start();

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void retriesWaitTheBackoffPlusARandomPartOfItSoThatFailuresDoNotRetryInStep() {
		// given: thumbnails that fail once with 503 each; a 200 ms backoff
		Map<String, List<Long>> requestTimes = new ConcurrentHashMap<>();
		byte[] jpeg = TestImages.jpeg(8, 8);
		for (int i = 0; i < 10; i++) {
			String path = "/flaky/" + i + ".jpg";
			this.server.handle(path, (exchange, n) -> {
				requestTimes.computeIfAbsent(path, (p) -> new CopyOnWriteArrayList<>()).add(System.nanoTime());
				byte[] body = (n == 1) ? "busy".getBytes() : jpeg;
				exchange.sendResponseHeaders((n == 1) ? 503 : 200, body.length);
				exchange.getResponseBody().write(body);
			});
		}
		ThumbnailFetcher fetcher = new ThumbnailFetcher(
				ThumbnailFetcherTests.properties(2, 1_000_000, Duration.ofSeconds(5), Duration.ofMillis(200)),
				StorageProperties.none());

		// when
		for (int i = 0; i < 10; i++) {
			fetcher.fetch(this.server.url("/flaky/" + i + ".jpg"));
		}

		// then: each wait is at least the backoff and at most half of it more, and they differ
		List<Long> waitsMillis = new ArrayList<>();
		requestTimes.values().forEach((times) -> waitsMillis.add((times.get(1) - times.get(0)) / 1_000_000));
		LongSummaryStatistics waits = waitsMillis.stream().mapToLong(Long::longValue).summaryStatistics();
		assertThat(waits.getCount()).isEqualTo(10);
		assertThat(waits.getMin()).isGreaterThanOrEqualTo(195);
		assertThat(waits.getMax()).isLessThan(500);
		assertThat(waits.getMax() - waits.getMin()).as("spread of the waits " + waitsMillis).isGreaterThanOrEqualTo(40);
	}

}
