package com.heimdex.embeddings.text;

import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * The run's outcome counts, kept in the step's execution context so that they are committed with
 * each chunk and a resumed execution reports the whole instance's totals.
 */
final class TextRunCounters {

	static final String PREFIX = "text.";

	static final String PROCESSED = PREFIX + "processed";

	static final String SKIPPED = PREFIX + "skipped";

	static final String FAILED = PREFIX + "failed";

	static final String TEXTS = PREFIX + "texts";

	static final String CACHE_HITS = PREFIX + "cacheHits";

	static final String SENT = PREFIX + "sent";

	static final String REQUESTS = PREFIX + "requests";

	static final String TOKENS = PREFIX + "tokens";

	/** Requests the server answered 429 (pacing included). */
	static final String RATE_LIMITED = PREFIX + "rateLimited";

	static final String ELAPSED_MILLIS = PREFIX + "elapsedMillis";

	static final String DRY_RUN_TEXTS = PREFIX + "dryRun.texts";

	static final String DRY_RUN_REQUESTS = PREFIX + "dryRun.requests";

	static final String DRY_RUN_TOKENS = PREFIX + "dryRun.tokens";

	static final String REQUESTS_PER_MINUTE = PREFIX + "requestsPerMinute";

	static final String TOKENS_PER_MINUTE = PREFIX + "tokensPerMinute";

	static final String PRICE_PER_MILLION_TOKENS = PREFIX + "pricePerMillionTokens";

	static final String CHANNEL_PREFIX = PREFIX + "channel.";

	static final String ERROR_PREFIX = PREFIX + "error.";

	private final ExecutionContext context;

	TextRunCounters(ExecutionContext context) {
		this.context = context;
	}

	void add(String key, long count) {
		this.context.putLong(key, this.context.getLong(key, 0) + count);
	}

	void addChannel(String channel, long count) {
		add(CHANNEL_PREFIX + channel, count);
	}

	void addError(String code) {
		add(ERROR_PREFIX + code, 1);
	}

	long get(String key) {
		return this.context.getLong(key, 0);
	}

	/** Scenes done: processed, skipped (dry run) or failed. */
	long done() {
		return get(PROCESSED) + get(SKIPPED) + get(FAILED);
	}

	/** Channel texts with a new vector (or, in a dry run, to embed), by channel. */
	Map<String, Long> byChannel() {
		return withPrefix(CHANNEL_PREFIX);
	}

	/** Failed channel texts by error code. */
	Map<String, Long> errorsByCode() {
		return withPrefix(ERROR_PREFIX);
	}

	void recordBudgets(TextEmbeddingProperties settings) {
		this.context.putLong(REQUESTS_PER_MINUTE, settings.requestsPerMinute());
		this.context.putLong(TOKENS_PER_MINUTE, settings.tokensPerMinute());
		this.context.putDouble(PRICE_PER_MILLION_TOKENS, settings.pricePerMillionTokens());
	}

	void setElapsedMillis(long millis) {
		this.context.putLong(ELAPSED_MILLIS, millis);
	}

	double pricePerMillionTokens() {
		return this.context.containsKey(PRICE_PER_MILLION_TOKENS) ? this.context.getDouble(PRICE_PER_MILLION_TOKENS) : 0;
	}

	private Map<String, Long> withPrefix(String prefix) {
		Map<String, Long> counts = new TreeMap<>();
		for (Map.Entry<String, Object> entry : this.context.entrySet()) {
			if (entry.getKey().startsWith(prefix)) {
				counts.put(entry.getKey().substring(prefix.length()), ((Number) entry.getValue()).longValue());
			}
		}
		return counts;
	}

}
