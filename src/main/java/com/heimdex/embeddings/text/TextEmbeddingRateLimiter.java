package com.heimdex.embeddings.text;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import io.github.bucket4j.BlockingStrategy;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.TimeMeter;

/**
 * Client-side request and token budgets. Each is a token bucket whose capacity is the per-period
 * figure, refilled greedily over the period, so that over any window of length {@code w} at most
 * {@code capacity + rate * w} is spent and the long-run rate never exceeds the budget. A caller
 * blocks until both budgets allow its request, then takes from both at once. A server that asks to
 * wait (429 with a retry delay) pauses every caller. Thread-safe.
 */
final class TextEmbeddingRateLimiter {

	private final Bucket requests;

	private final Bucket tokens;

	private final long tokenCapacity;

	private final TimeMeter clock;

	private final BlockingStrategy sleeper;

	private final AtomicLong pausedUntilNanos;

	/**
	 * @param requestsPerPeriod request budget per period
	 * @param tokensPerPeriod token budget per period
	 * @param period what the budgets refill over (one minute outside tests)
	 * @param clock the buckets' time source
	 * @param sleeper how a caller waits (parking outside tests)
	 */
	TextEmbeddingRateLimiter(long requestsPerPeriod, long tokensPerPeriod, Duration period, TimeMeter clock,
			BlockingStrategy sleeper) {
		this.requests = bucket(requestsPerPeriod, period, clock);
		this.tokens = bucket(tokensPerPeriod, period, clock);
		this.tokenCapacity = tokensPerPeriod;
		this.clock = clock;
		this.sleeper = sleeper;
		this.pausedUntilNanos = new AtomicLong(clock.currentTimeNanos());
	}

	/** Per-minute budgets on the system clock. */
	static TextEmbeddingRateLimiter perMinute(TextEmbeddingProperties properties) {
		return new TextEmbeddingRateLimiter(properties.requestsPerMinute(), properties.tokensPerMinute(),
				Duration.ofMinutes(1), TimeMeter.SYSTEM_NANOTIME, BlockingStrategy.PARKING);
	}

	private static Bucket bucket(long capacity, Duration period, TimeMeter clock) {
		return Bucket.builder()
			.addLimit(limit -> limit.capacity(capacity).refillGreedy(capacity, period))
			.withCustomTimePrecision(clock)
			.build();
	}

	/**
	 * Blocks until one request carrying {@code requestTokens} tokens fits both budgets, then spends it.
	 * @throws IllegalArgumentException if the request needs more tokens than the whole token budget
	 */
	synchronized void acquire(long requestTokens) throws InterruptedException {
		if (requestTokens > tokenCapacity) {
			throw new IllegalArgumentException("a request of " + requestTokens
					+ " tokens can never fit a token budget of " + tokenCapacity + " per minute");
		}
		while (true) {
			long wait = Math.max(pausedUntilNanos.get() - clock.currentTimeNanos(),
					Math.max(nanosToWait(requests, 1), nanosToWait(tokens, requestTokens)));
			if (wait <= 0) {
				requests.tryConsume(1);
				if (requestTokens > 0) {
					tokens.tryConsume(requestTokens);
				}
				return;
			}
			sleeper.park(wait);
		}
	}

	/** Makes every caller wait at least {@code delay} from now, as a throttling server asked. */
	void pause(Duration delay) {
		pausedUntilNanos.accumulateAndGet(clock.currentTimeNanos() + delay.toNanos(), Math::max);
	}

	private static long nanosToWait(Bucket bucket, long amount) {
		return (amount <= 0) ? 0 : bucket.estimateAbilityToConsume(amount).getNanosToWaitForRefill();
	}

}
