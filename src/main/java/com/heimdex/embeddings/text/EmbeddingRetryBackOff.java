package com.heimdex.embeddings.text;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Delays between the attempts of one request: what the server asked for when it said (429 or 503
 * with a retry delay), otherwise exponential backoff with full jitter (a uniform delay between zero
 * and {@code min(maxBackoff, initialBackoff * 2^retry)}). Stops after {@code maxAttempts} attempts.
 * One instance serves one request.
 */
final class EmbeddingRetryBackOff implements BackOff {

	private final int maxAttempts;

	private final long initialMillis;

	private final long maxMillis;

	private volatile Duration serverDelay;

	EmbeddingRetryBackOff(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
		this.maxAttempts = maxAttempts;
		this.initialMillis = initialBackoff.toMillis();
		this.maxMillis = maxBackoff.toMillis();
	}

	/** The delay the server asked for after the attempt that just failed; used for the next wait only. */
	void serverAskedFor(Duration delay) {
		this.serverDelay = delay;
	}

	@Override
	public BackOffExecution start() {
		return new BackOffExecution() {

			private int retries;

			@Override
			public long nextBackOff() {
				if (retries >= maxAttempts - 1) {
					return STOP;
				}
				long ceiling = Math.min(maxMillis, initialMillis << Math.min(retries, 30));
				retries++;
				Duration asked = serverDelay;
				serverDelay = null;
				if (asked != null) {
					return asked.toMillis();
				}
				return (ceiling <= 0) ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
			}

		};
	}

}
