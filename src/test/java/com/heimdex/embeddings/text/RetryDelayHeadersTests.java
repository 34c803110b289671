package com.heimdex.embeddings.text;

import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RetryDelayHeadersTests {

	private final Clock clock = Clock.fixed(Instant.parse("2026-01-06T10:00:00Z"), ZoneOffset.UTC);

	@Test
	void readsRetryAfterInSeconds() {
		assertThat(delay(Map.of("Retry-After", "3"))).contains(Duration.ofSeconds(3));
		assertThat(delay(Map.of("Retry-After", "0.5"))).contains(Duration.ofMillis(500));
	}

	@Test
	void readsRetryAfterAsHttpDate() {
		assertThat(delay(Map.of("Retry-After", "Tue, 06 Jan 2026 10:00:42 GMT"))).contains(Duration.ofSeconds(42));
		assertThat(delay(Map.of("Retry-After", "Tue, 06 Jan 2026 09:00:00 GMT"))).contains(Duration.ZERO);
	}

	@Test
	void prefersMillisecondsOverSeconds() {
		assertThat(delay(Map.of("retry-after-ms", "1234", "Retry-After", "2"))).contains(Duration.ofMillis(1234));
	}

	@Test
	void readsOpenAiGoDurations() {
		assertThat(RetryDelayHeaders.goDuration("1s")).contains(Duration.ofSeconds(1));
		assertThat(RetryDelayHeaders.goDuration("6m0s")).contains(Duration.ofMinutes(6));
		assertThat(RetryDelayHeaders.goDuration("20ms")).contains(Duration.ofMillis(20));
		assertThat(RetryDelayHeaders.goDuration("1h2m3.5s")).contains(Duration.ofMillis(3_723_500));
		assertThat(RetryDelayHeaders.goDuration("250us")).contains(Duration.ofNanos(250_000));
		assertThat(RetryDelayHeaders.goDuration("soon")).isEmpty();
		assertThat(RetryDelayHeaders.goDuration("5s later")).isEmpty();
	}

	@Test
	void usesTheResetOfTheExhaustedBudget() {
		assertThat(delay(Map.of("x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "6m0s",
				"x-ratelimit-remaining-requests", "0", "x-ratelimit-remaining-tokens", "90000")))
			.contains(Duration.ofSeconds(1));
		assertThat(delay(Map.of("x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "20ms",
				"x-ratelimit-remaining-requests", "12", "x-ratelimit-remaining-tokens", "0")))
			.contains(Duration.ofMillis(20));
	}

	@Test
	void usesTheLongerResetWhenItIsUnknownWhichBudgetRanOut() {
		assertThat(delay(Map.of("x-ratelimit-reset-requests", "1s", "x-ratelimit-reset-tokens", "1.5s")))
			.contains(Duration.ofMillis(1500));
	}

	@Test
	void saysNothingWithoutHints() {
		assertThat(delay(Map.of())).isEmpty();
		assertThat(delay(Map.of("Retry-After", "later"))).isEmpty();
	}

	private java.util.Optional<Duration> delay(Map<String, String> headers) {
		Map<String, List<String>> multi = headers.entrySet()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, entry -> List.of(entry.getValue())));
		return RetryDelayHeaders.delay(HttpHeaders.of(multi, (name, value) -> true), clock);
	}

}
