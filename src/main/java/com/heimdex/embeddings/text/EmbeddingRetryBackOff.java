package com.heimdex.embeddings.text;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * Delays between the attempts of one request: what the server asked for when it said (429 or 503
 * with a retry delay) plus a little jitter, so that requests throttled together do not return in
 * lockstep; otherwise exponential backoff with full jitter (a uniform delay between zero and
 * {@code min(maxBackoff, initialBackoff * 2^retry)}). Failures stop after {@code maxAttempts}
 * attempts; 429s whose server named the delay are pacing, not failure, and have their own, larger
 * cap. One instance serves one request.
 */
final class EmbeddingRetryBackOff implements BackOff {

	private final int maxAttempts;

	private final int maxRateLimitedAttempts;

	private final long initialMillis;

	private final long maxMillis;

	private volatile Duration serverDelay;

	private volatile boolean paced;

	EmbeddingRetryBackOff(int maxAttempts, int maxRateLimitedAttempts, Duration initialBackoff, Duration maxBackoff) {
		this.maxAttempts = maxAttempts;
		this.maxRateLimitedAttempts = maxRateLimitedAttempts;
		this.initialMillis = initialBackoff.toMillis();
		this.maxMillis = maxBackoff.toMillis();
	}

	/** The delay the server asked for after the attempt that just failed; used for the next wait only. */
	void serverAskedFor(Duration delay) {
		this.serverDelay = delay;
	}

	/** The attempt that just failed was throttled (429) with a delay the server named. */
	void rateLimited(Duration delay) {
		this.serverDelay = delay;
		this.paced = true;
	}

	@Override
	public BackOffExecution start() {
		return new BackOffExecution() {

			private int retries;

			private int pacedRetries;

			@Override
			public long nextBackOff() {
				Duration asked = serverDelay;
				boolean wasPaced = paced;
				serverDelay = null;
				paced = false;
				if (wasPaced && asked != null) {
					if (pacedRetries >= maxRateLimitedAttempts - 1) {
						return STOP;
					}
					pacedRetries++;
					return asked.toMillis() + jitter(asked.toMillis());
				}
				if (retries >= maxAttempts - 1) {
					return STOP;
				}
				long ceiling = Math.min(maxMillis, initialMillis << Math.min(retries, 30));
				retries++;
				if (asked != null) {
					return asked.toMillis() + jitter(asked.toMillis());
				}
				return (ceiling <= 0) ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
			}

			/** Up to a tenth of the delay, at most a second: spreads requests that were throttled together. */
			private long jitter(long delayMillis) {
				long bound = Math.min(delayMillis / 10, 1000);
				return (bound <= 0) ? 0 : ThreadLocalRandom.current().nextLong(bound + 1);
			}

		};
	}

}
