package com.heimdex.embeddings.text;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How texts are embedded: which model, how requests are packed, how fast they may be sent and how
 * failures are retried. Binds the contract settings {@code EMBEDDING_MODEL},
 * {@code EMBEDDING_DIMENSIONS}, {@code EMBEDDING_REQUESTS_PER_MINUTE} and
 * {@code EMBEDDING_TOKENS_PER_MINUTE}, plus the {@code EMBEDDING_*} tuning settings below.
 *
 * @param model model name sent with every request
 * @param dimensions length of every vector; responses of another length fail with
 * {@code dimension_mismatch}
 * @param requestsPerMinute client-side request budget; never exceeded, also not in bursts longer
 * than a minute
 * @param tokensPerMinute client-side token budget (cl100k_base tokens); never exceeded
 * @param maxInputsPerRequest most inputs packed into one request (OpenAI allows 2048)
 * @param maxTokensPerRequest most tokens in one request (OpenAI allows 300,000); capped further by
 * {@code tokensPerMinute}
 * @param maxInputTokens longer inputs are cut to this many tokens (the model's context, 8191) and
 * reported as truncated
 * @param maxAttempts attempts per request, first one included, for 5xx, timeouts, connection
 * errors and 429s that name no delay
 * @param maxRateLimitedAttempts attempts per request, first one included, for 429s whose server
 * names the delay: the server is pacing the client, not failing, so these do not use up
 * {@code maxAttempts}; bounded all the same
 * @param initialBackoff upper bound of the first jittered retry delay; doubles per attempt
 * @param maxBackoff upper bound of any jittered retry delay (server-given delays are honoured up to
 * {@code maxRetryAfter})
 * @param maxRetryAfter longest wait a server's {@code Retry-After} (or {@code retry-after-ms},
 * {@code x-ratelimit-reset-*}) is honoured for; a longer one waits this long, then asks again
 * @param requestTimeout how long one HTTP request may take before it counts as a {@code timeout}
 * @param connectTimeout how long opening a connection may take
 * @param sendDimensions whether {@code dimensions} is sent; false for servers that reject it
 * (older Ollama, TEI) and models with a fixed size
 * @param maxConcurrentRequests requests in flight at once; the rate budgets hold across all of them
 * @param pricePerMillionTokens US dollars per million tokens, for dry-run cost estimates
 * @param enabled whether scene texts are embedded at all ({@code EMBEDDING_ENABLED}); {@code false}
 * refuses {@code textBackfill} and switches the {@code reprocess} text step off
 */
@ConfigurationProperties("embedding")
public record TextEmbeddingProperties(@DefaultValue("text-embedding-3-small") String model,
		@DefaultValue("1536") int dimensions, @DefaultValue("500") int requestsPerMinute,
		@DefaultValue("1000000") long tokensPerMinute, @DefaultValue("2048") int maxInputsPerRequest,
		@DefaultValue("300000") int maxTokensPerRequest, @DefaultValue("8191") int maxInputTokens,
		@DefaultValue("5") int maxAttempts, @DefaultValue("30") int maxRateLimitedAttempts,
		@DefaultValue("1s") Duration initialBackoff,
		@DefaultValue("60s") Duration maxBackoff, @DefaultValue("60s") Duration requestTimeout,
		@DefaultValue("10s") Duration connectTimeout, @DefaultValue("true") boolean sendDimensions,
		@DefaultValue("2") int maxConcurrentRequests, @DefaultValue("0.02") double pricePerMillionTokens,
		@DefaultValue("120s") Duration maxRetryAfter,
		@DefaultValue("true") boolean enabled) {

	public TextEmbeddingProperties {
		if (model == null || model.isBlank()) {
			throw new IllegalArgumentException("EMBEDDING_MODEL must be set");
		}
		requirePositive("EMBEDDING_DIMENSIONS", dimensions);
		requirePositive("EMBEDDING_REQUESTS_PER_MINUTE", requestsPerMinute);
		requirePositive("EMBEDDING_TOKENS_PER_MINUTE", tokensPerMinute);
		requirePositive("EMBEDDING_MAX_INPUTS_PER_REQUEST", maxInputsPerRequest);
		requirePositive("EMBEDDING_MAX_TOKENS_PER_REQUEST", maxTokensPerRequest);
		requirePositive("EMBEDDING_MAX_INPUT_TOKENS", maxInputTokens);
		requirePositive("EMBEDDING_MAX_ATTEMPTS", maxAttempts);
		requirePositive("EMBEDDING_MAX_RATE_LIMITED_ATTEMPTS", maxRateLimitedAttempts);
		requirePositive("EMBEDDING_MAX_CONCURRENT_REQUESTS", maxConcurrentRequests);
		requirePositive("EMBEDDING_REQUEST_TIMEOUT", requestTimeout.toMillis());
		requirePositive("EMBEDDING_CONNECT_TIMEOUT", connectTimeout.toMillis());
		if (maxRetryAfter.isNegative()) {
			throw new IllegalArgumentException("EMBEDDING_MAX_RETRY_AFTER must be >= 0, was " + maxRetryAfter);
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("EMBEDDING_INITIAL_BACKOFF must be >= 0 and <= EMBEDDING_MAX_BACKOFF, was "
					+ initialBackoff + " and " + maxBackoff);
		}
		if (tokensPerMinute < maxInputTokens) {
			throw new IllegalArgumentException("EMBEDDING_TOKENS_PER_MINUTE must be at least EMBEDDING_MAX_INPUT_TOKENS ("
					+ maxInputTokens + ") so that every input can be sent, was " + tokensPerMinute);
		}
		if (pricePerMillionTokens < 0) {
			throw new IllegalArgumentException("EMBEDDING_PRICE_PER_MILLION_TOKENS must be >= 0, was " + pricePerMillionTokens);
		}
	}

	/** Most tokens one request may carry: the per-request cap, or the whole minute's budget if smaller. */
	public long effectiveMaxTokensPerRequest() {
		return Math.min(maxTokensPerRequest, tokensPerMinute);
	}

	private static void requirePositive(String setting, long value) {
		if (value <= 0) {
			throw new IllegalArgumentException(setting + " must be positive, was " + value);
		}
	}

}
