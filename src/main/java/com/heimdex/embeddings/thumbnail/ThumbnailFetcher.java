package com.heimdex.embeddings.thumbnail;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Fetches thumbnail bytes over HTTP(S): resolves storage paths, applies the URL policy to every
 * hop, limits time and size, and retries transient failures (5xx, 429, timeouts, connection
 * errors) with exponential back-off. Thread-safe; all fetches share one HTTP client.
 */
@Component
public class ThumbnailFetcher {

	private final ThumbnailUrlResolver resolver;

	private final ThumbnailDownload download;

	private final RetryTemplate retryTemplate;

	@Autowired
	public ThumbnailFetcher(ThumbnailProperties properties, StorageProperties storage) {
		this(properties, storage, newHttpClient(properties), new UrlPolicy(properties.allowPrivateAddresses()));
	}

	ThumbnailFetcher(ThumbnailProperties properties, StorageProperties storage, HttpClient client, UrlPolicy policy) {
		this.resolver = new ThumbnailUrlResolver(storage);
		this.download = new ThumbnailDownload(client, policy, this.resolver, properties);
		this.retryTemplate = new RetryTemplate(retryPolicy(properties));
	}

	/**
	 * Fetches the thumbnail that a scene's {@code thumbnail_url} names.
	 * @param thumbnailUrl an absolute http(s) URL or a storage path
	 * @return the body and where it came from
	 * @throws ThumbnailException with a stable code when the thumbnail cannot be fetched
	 */
	public FetchedThumbnail fetch(String thumbnailUrl) {
		long started = System.nanoTime();
		ThumbnailLocation location = this.resolver.resolve(thumbnailUrl);
		AtomicInteger attempts = new AtomicInteger();
		HttpResponse<byte[]> response;
		try {
			response = this.retryTemplate.execute(() -> {
				attempts.incrementAndGet();
				return this.download.fetch(location.uri());
			});
		}
		catch (RetryException ex) {
			throw unwrap(ex, attempts.get());
		}
		long elapsedMillis = (System.nanoTime() - started) / 1_000_000;
		String contentType = response.headers().firstValue("Content-Type").orElse(null);
		return new FetchedThumbnail(response.body(), response.uri(), contentType, elapsedMillis);
	}

	private static ThumbnailException unwrap(RetryException ex, int attempts) {
		Throwable last = (ex.getLastException() != null) ? ex.getLastException() : ex.getCause();
		if (last instanceof ThumbnailException thumbnailException) {
			return (attempts > 1) ? thumbnailException.withDetail(thumbnailException.detail() + " (after " + attempts + " attempts)")
					: thumbnailException;
		}
		return new ThumbnailException(ThumbnailFailure.HTTP_ERROR, String.valueOf(last), false, last);
	}

	private static RetryPolicy retryPolicy(ThumbnailProperties properties) {
		return RetryPolicy.builder()
			.maxRetries(properties.maxAttempts() - 1)
			.delay(properties.initialBackoff())
			.multiplier(2)
			.predicate((failure) -> failure instanceof ThumbnailException thumbnailException && thumbnailException.isTransient())
			.build();
	}

	private static HttpClient newHttpClient(ThumbnailProperties properties) {
		return HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_2)
			.connectTimeout(properties.connectTimeout())
			.followRedirects(HttpClient.Redirect.NEVER)
			.build();
	}

}
