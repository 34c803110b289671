package com.heimdex.embeddings.thumbnail;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * How thumbnails are fetched and decoded. Operators set these through the environment, e.g.
 * {@code THUMBNAILS_ALLOW_PRIVATE_ADDRESSES}, {@code THUMBNAILS_MAX_BYTES},
 * {@code THUMBNAILS_MAX_PIXELS}.
 *
 * @param allowPrivateAddresses whether URLs may target loopback, private, link-local, CGNAT,
 * unique-local, multicast or unspecified addresses (tests, on-premise storage)
 * @param maxBytes largest accepted response body; a bare number is bytes, {@code 10MB} is 10 MiB
 * @param maxPixels largest accepted width x height, read from the image header before decoding
 * @param connectTimeout time allowed to open a connection
 * @param readTimeout time allowed for one response, from sending the request to the last body
 * byte
 * @param maxAttempts attempts in total for transient failures (5xx, 429, timeouts, connection
 * errors); 1 disables retries
 * @param initialBackoff wait before the second attempt; doubled before each further attempt
 * @param maxRedirects redirects followed per attempt, each hop checked against the URL policy
 * @param concurrency thumbnails of a chunk fetched, decoded and preprocessed at once
 */
@ConfigurationProperties("thumbnails")
public record ThumbnailProperties(@DefaultValue("false") boolean allowPrivateAddresses,
		@DefaultValue("10MB") DataSize maxBytes, @DefaultValue("40000000") long maxPixels,
		@DefaultValue("5s") Duration connectTimeout, @DefaultValue("15s") Duration readTimeout,
		@DefaultValue("3") int maxAttempts, @DefaultValue("200ms") Duration initialBackoff,
		@DefaultValue("5") int maxRedirects, @DefaultValue("8") int concurrency) {

	public ThumbnailProperties {
		requirePositive(maxBytes.toBytes(), "thumbnails.max-bytes");
		requirePositive(maxPixels, "thumbnails.max-pixels");
		requirePositive(connectTimeout.toMillis(), "thumbnails.connect-timeout");
		requirePositive(readTimeout.toMillis(), "thumbnails.read-timeout");
		requirePositive(maxAttempts, "thumbnails.max-attempts");
		requirePositive(concurrency, "thumbnails.concurrency");
		if (initialBackoff.isNegative()) {
			throw new IllegalArgumentException("thumbnails.initial-backoff must not be negative, was " + initialBackoff);
		}
		if (maxRedirects < 0) {
			throw new IllegalArgumentException("thumbnails.max-redirects must not be negative, was " + maxRedirects);
		}
	}

	/** The defaults above, as a starting point for code that does not bind settings. */
	public static ThumbnailProperties defaults() {
		return new ThumbnailProperties(false, DataSize.ofMegabytes(10), 40_000_000L, Duration.ofSeconds(5),
				Duration.ofSeconds(15), 3, Duration.ofMillis(200), 5, 8);
	}

	/** A copy that allows private targets, as tests against a local server need. */
	public ThumbnailProperties withAllowPrivateAddresses(boolean allow) {
		return new ThumbnailProperties(allow, this.maxBytes, this.maxPixels, this.connectTimeout, this.readTimeout,
				this.maxAttempts, this.initialBackoff, this.maxRedirects, this.concurrency);
	}

	private static void requirePositive(long value, String name) {
		if (value <= 0) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
