package com.heimdex.embeddings.text;

import java.time.Duration;
import java.util.Map;

import io.github.bucket4j.Bucket;

/**
 * Requests and tokens budgets that {@link FakeEmbeddingServer} enforces on itself: token buckets of
 * the given capacities refilled greedily over the period. A request over either is answered 429 with
 * the exact wait in {@code retry-after-ms} and {@code x-ratelimit-reset-*}, rounded up to seconds in
 * {@code Retry-After}.
 */
final class FakeServerBudget {

	private final Bucket requests;

	private final Bucket tokens;

	FakeServerBudget(long requestsPerPeriod, long tokensPerPeriod, Duration period) {
		this.requests = Bucket.builder()
			.addLimit(limit -> limit.capacity(requestsPerPeriod).refillGreedy(requestsPerPeriod, period))
			.build();
		this.tokens = Bucket.builder()
			.addLimit(limit -> limit.capacity(tokensPerPeriod).refillGreedy(tokensPerPeriod, period))
			.build();
	}

	/** Takes one request of this many tokens from both budgets if both allow it, else nothing. */
	synchronized boolean tryTake(int requestTokens) {
		if (requestsWait() > 0 || tokensWait(requestTokens) > 0) {
			return false;
		}
		requests.tryConsume(1);
		tokens.tryConsume(Math.max(1, requestTokens));
		return true;
	}

	/** The 429 answer for a request of this many tokens that did not fit. */
	synchronized FakeEmbeddingAnswer throttled(int requestTokens) {
		long requestsWaitMillis = millisUp(requestsWait());
		long tokensWaitMillis = millisUp(tokensWait(requestTokens));
		long waitMillis = Math.max(1, Math.max(requestsWaitMillis, tokensWaitMillis));
		return FakeEmbeddingAnswer.error(429, "Rate limit reached for requests or tokens.", "rate_limit_exceeded",
				Map.of("retry-after-ms", Long.toString(waitMillis), "Retry-After", Long.toString((waitMillis + 999) / 1000),
						"x-ratelimit-remaining-requests", (requestsWaitMillis > 0) ? "0" : "1",
						"x-ratelimit-reset-requests", requestsWaitMillis + "ms", "x-ratelimit-remaining-tokens",
						(tokensWaitMillis > 0) ? "0" : "1", "x-ratelimit-reset-tokens", tokensWaitMillis + "ms"));
	}

	private long requestsWait() {
		return requests.estimateAbilityToConsume(1).getNanosToWaitForRefill();
	}

	private long tokensWait(int requestTokens) {
		return tokens.estimateAbilityToConsume(Math.max(1, requestTokens)).getNanosToWaitForRefill();
	}

	private static long millisUp(long nanos) {
		return (nanos + 999_999) / 1_000_000;
	}

}
