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
		BackOffExecution execution = new EmbeddingRetryBackOff(6, Duration.ofSeconds(1), Duration.ofSeconds(5)).start();

		// then 5 waits within [0, 1s], [0, 2s], [0, 4s], [0, 5s], [0, 5s], then stop
		for (long ceiling : new long[] { 1000, 2000, 4000, 5000, 5000 }) {
			assertThat(execution.nextBackOff()).isBetween(0L, ceiling);
		}
		assertThat(execution.nextBackOff()).isEqualTo(BackOffExecution.STOP);
	}

	@Test
	void waitsWhatTheServerAskedForOnce() {
		EmbeddingRetryBackOff backOff = new EmbeddingRetryBackOff(5, Duration.ZERO, Duration.ZERO);
		BackOffExecution execution = backOff.start();

		backOff.serverAskedFor(Duration.ofMillis(1500));

		assertThat(execution.nextBackOff()).isEqualTo(1500);
		assertThat(execution.nextBackOff()).isZero();
	}

	@Test
	void spreadsWaitsOverTheWholeRange() {
		BackOffExecution execution = new EmbeddingRetryBackOff(10_001, Duration.ofMillis(100), Duration.ofMillis(100))
			.start();
		long below = 0;
		for (int i = 0; i < 10_000; i++) {
			below += (execution.nextBackOff() < 50) ? 1 : 0;
		}
		assertThat(below).as("about half the waits fall below half the ceiling").isBetween(4500L, 5500L);
	}

}
