package com.heimdex.embeddings.text;

import java.time.Duration;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingRetryBackOffTests {

	@RepeatedTest(20)
	void jittersUniformlyBelowADoublingCeiling() {
		// given 1s initial, 5s max, 6 attempts
		BackOffExecution execution = new EmbeddingRetryBackOff(6, 30, Duration.ofSeconds(1), Duration.ofSeconds(5)).start();

		// then 5 waits within [0, 1s], [0, 2s], [0, 4s], [0, 5s], [0, 5s], then stop
		for (long ceiling : new long[] { 1000, 2000, 4000, 5000, 5000 }) {
			assertThat(execution.nextBackOff()).isBetween(0L, ceiling);
		}
		assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void waitsWhatTheServerAskedForOncePlusAtMostATenth() {
		EmbeddingRetryBackOff backOff = new EmbeddingRetryBackOff(5, 30, Duration.ZERO, Duration.ZERO);
		BackOffExecution execution = backOff.start();

		backOff.serverAskedFor(Duration.ofMillis(1500));

		assertThat(execution.nextBackOff()).isBetween(1500L, 1650L);
		assertThat(execution.nextBackOff()).isZero();
	}

	@Test
	void throttlingWithANamedDelayHasItsOwnCapAndLeavesFailureAttemptsAlone() {
		// given 3 attempts for failures, 5 for throttling
		EmbeddingRetryBackOff backOff = new EmbeddingRetryBackOff(3, 5, Duration.ZERO, Duration.ZERO);
		BackOffExecution execution = backOff.start();

		// when the server throttles four times, then fails twice
		for (int i = 0; i < 4; i++) {
			backOff.rateLimited(Duration.ofMillis(100));
			assertThat(execution.nextBackOff()).isBetween(100L, 110L);
		}
		assertThat(execution.nextBackOff()).as("first failure retry").isZero();
		assertThat(execution.nextBackOff()).as("second failure retry").isZero();

		// then failures are out of attempts, and so is a fifth throttled retry
		assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
		EmbeddingRetryBackOff throttledOnly = new EmbeddingRetryBackOff(3, 5, Duration.ZERO, Duration.ZERO);
		BackOffExecution throttled = throttledOnly.start();
		for (int i = 0; i < 4; i++) {
			throttledOnly.rateLimited(Duration.ofMillis(10));
			assertThat(throttled.nextBackOff()).isNotEqualTo(BackOffExecution.STOP);
		}
		throttledOnly.rateLimited(Duration.ofMillis(10));
		assertThat(throttled.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void spreadsWaitsOverTheWholeRange() {
		BackOffExecution execution = new EmbeddingRetryBackOff(10_001, 30, Duration.ofMillis(100), Duration.ofMillis(100))
			.start();
		long below = 0;
		for (int i = 0; i < 10_000; i++) {
			below += (execution.nextBackOff() < 50) ? 1 : 0;
		}
		assertThat(below).as("about half the waits fall below half the ceiling").isBetween(4500L, 5500L);
	}

}
