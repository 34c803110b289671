package com.heimdex.embeddings.lexical;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The lexical index, whichever back end holds it. Binds {@code LEXICAL_TEXT_SEARCH_CONFIG},
 * {@code LEXICAL_MAX_RATE_LIMITED_ATTEMPTS}, {@code LEXICAL_INITIAL_BACKOFF} and
 * {@code LEXICAL_MAX_BACKOFF}.
 *
 * @param textSearchConfig the PostgreSQL text-search configuration documents are built and
 * queries parsed with ({@code simple} keeps every word as written, whatever the language;
 * {@code english} and the other language configurations stem and drop stop words); changing it
 * makes every document of the PostgreSQL back end stale, so the next run rewrites them
 * @param maxRateLimitedAttempts attempts per document when OpenSearch answers 429 for it, before
 * the scene records {@code rate_limited}
 * @param initialBackoff wait before the first retry of documents answered 429, doubling per retry
 * @param maxBackoff longest wait between two retries
 */
@ConfigurationProperties("lexical")
public record LexicalIndexProperties(@DefaultValue("simple") String textSearchConfig,
		@DefaultValue("8") int maxRateLimitedAttempts, @DefaultValue("500ms") Duration initialBackoff,
		@DefaultValue("30s") Duration maxBackoff) {

	public LexicalIndexProperties {
		if (textSearchConfig == null || !textSearchConfig.matches("[A-Za-z_][A-Za-z0-9_.]*")) {
			throw new IllegalArgumentException("LEXICAL_TEXT_SEARCH_CONFIG must name a text search configuration"
					+ " such as simple or english, was '" + textSearchConfig + "'");
		}
		if (maxRateLimitedAttempts < 1) {
			throw new IllegalArgumentException(
					"LEXICAL_MAX_RATE_LIMITED_ATTEMPTS must be at least 1, was " + maxRateLimitedAttempts);
		}
		if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
			throw new IllegalArgumentException("LEXICAL_INITIAL_BACKOFF must be >= 0 and LEXICAL_MAX_BACKOFF at least"
					+ " as long, were " + initialBackoff + " and " + maxBackoff);
		}
	}

	/** The wait before retry number {@code retry} (1 for the first). */
	Duration backoff(int retry) {
		long millis = this.initialBackoff.toMillis() << Math.min(20, retry - 1);
		return Duration.ofMillis(Math.min(millis, this.maxBackoff.toMillis()));
	}

}
