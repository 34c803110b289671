package com.heimdex.embeddings.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * Where the jobs keep their counters in the step's execution context, and what each becomes as a
 * meter. clipBackfill: {@code clip.processed}, {@code clip.updated}, {@code clip.dryRun},
 * {@code clip.error.<code>}; textBackfill: {@code text.processed}, {@code text.skipped},
 * {@code text.failed}, {@code text.error.<code>}, {@code text.texts}, {@code text.tokens},
 * {@code text.requests}, {@code text.cacheHits}, {@code text.rateLimited}. A key a job does not
 * keep counts 0.
 */
final class RunCounterNames {

	/** Meter name (after {@link RunMeters#PREFIX}) to context key and description, textBackfill only. */
	private static final Map<String, String[]> TEXT = new LinkedHashMap<>();

	static {
		TEXT.put("texts", new String[] { "text.texts", "Channel texts resolved (embedded or from the cache)" });
		TEXT.put("tokens", new String[] { "text.tokens", "Tokens the embedding server counted" });
		TEXT.put("requests", new String[] { "text.requests", "Embedding requests sent, retries included" });
		TEXT.put("cache.hits", new String[] { "text.cacheHits", "Channel texts taken from the embedding cache" });
		TEXT.put("rate.limited", new String[] { "text.rateLimited", "Embedding requests answered 429" });
	}

	private RunCounterNames() {
	}

	static long processed(ExecutionContext context) {
		return get(context, "clip.processed") + get(context, "text.processed") + get(context, "text.skipped")
				+ get(context, "text.failed");
	}

	static long embedded(ExecutionContext context) {
		return get(context, "clip.updated") + get(context, "text.processed");
	}

	static long skipped(ExecutionContext context) {
		return get(context, "clip.dryRun") + get(context, "text.skipped");
	}

	static Map<String, Long> failedByCode(ExecutionContext context) {
		Map<String, Long> failed = new TreeMap<>();
		for (Map.Entry<String, Object> entry : context.entrySet()) {
			for (String prefix : new String[] { "clip.error.", "text.error." }) {
				if (entry.getKey().startsWith(prefix) && entry.getValue() instanceof Number number) {
					failed.merge(entry.getKey().substring(prefix.length()), number.longValue(), Long::sum);
				}
			}
		}
		return failed;
	}

	/** textBackfill's request and token counters, by meter name. */
	static Map<String, Long> textCounters(ExecutionContext context) {
		Map<String, Long> counters = new LinkedHashMap<>();
		TEXT.forEach((name, keyAndDescription) -> counters.put(name, get(context, keyAndDescription[0])));
		return counters;
	}

	static String description(String textCounter) {
		return TEXT.get(textCounter)[1];
	}

	private static long get(ExecutionContext context, String key) {
		return (context.get(key) instanceof Number number) ? number.longValue() : 0;
	}

}
