package com.heimdex.embeddings.thumbnail;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One attempt at fetching a thumbnail: follows redirects by hand, checking every hop against the
 * {@link UrlPolicy} and sending the storage token only to the storage origin, and maps each
 * outcome to a {@link ThumbnailFailure}, marking those worth another attempt as transient.
 */
final class ThumbnailDownload {

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	private final HttpClient client;

	private final UrlPolicy policy;

	private final ThumbnailUrlResolver resolver;

	private final LimitedBodyHandler bodyHandler;

	private final Duration readTimeout;

	private final int maxRedirects;

	ThumbnailDownload(HttpClient client, UrlPolicy policy, ThumbnailUrlResolver resolver, ThumbnailProperties properties) {
		this.client = client;
		this.policy = policy;
		this.resolver = resolver;
		this.bodyHandler = new LimitedBodyHandler(properties.maxBytes().toBytes());
		this.readTimeout = properties.readTimeout();
		this.maxRedirects = properties.maxRedirects();
	}

	/** Returns the 2xx response at the end of the redirect chain starting at {@code uri}. */
	HttpResponse<byte[]> fetch(URI uri) {
		URI current = uri;
		for (int hop = 0;; hop++) {
			this.policy.check(current);
			HttpResponse<byte[]> response = send(current);
			int status = response.statusCode();
			if (status >= 200 && status <= 299) {
				return response;
			}
			if (!REDIRECTS.contains(status)) {
				throw statusFailure(status, current);
			}
			if (hop >= this.maxRedirects) {
				throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR,
						"more than " + this.maxRedirects + " redirects from " + RedactedUrl.of(uri));
			}
			current = redirectTarget(response, current);
		}
	}

	private HttpResponse<byte[]> send(URI uri) {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri).GET().timeout(this.readTimeout)
				.header("Accept", "image/*");
		this.resolver.authorizationFor(uri).ifPresent((value) -> request.header("Authorization", value));
		CompletableFuture<HttpResponse<byte[]>> future = this.client.sendAsync(request.build(), this.bodyHandler);
		try {
			// The request timeout only covers the headers; this bounds the body as well.
			return future.get(this.readTimeout.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw timeout(uri, ex);
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			Thread.currentThread().interrupt();
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "interrupted while fetching " + RedactedUrl.of(uri));
		}
		catch (ExecutionException ex) {
			throw failure(ex.getCause(), uri);
		}
	}

	private ThumbnailException failure(Throwable cause, URI uri) {
		for (Throwable t = cause; t != null; t = t.getCause()) {
			if (t instanceof ThumbnailException thumbnailException) {
				return thumbnailException;
			}
			if (t instanceof HttpConnectTimeoutException || t instanceof HttpTimeoutException) {
				return timeout(uri, t);
			}
		}
		if (cause instanceof IOException) {
			return ThumbnailException.transientFailure(ThumbnailFailure.HTTP_ERROR,
					"connection failed to " + RedactedUrl.of(uri) + ": " + cause, cause);
		}
		return new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "request failed to " + RedactedUrl.of(uri) + ": " + cause,
				false, cause);
	}

	private ThumbnailException timeout(URI uri, Throwable cause) {
		return ThumbnailException.transientFailure(ThumbnailFailure.TIMEOUT,
				"no complete response within " + this.readTimeout.toMillis() + " ms from " + RedactedUrl.of(uri), cause);
	}

	private static ThumbnailException statusFailure(int status, URI uri) {
		String detail = "HTTP " + status + " from " + RedactedUrl.of(uri);
		if (status == 404 || status == 410) {
			return new ThumbnailException(ThumbnailFailure.NOT_FOUND, detail);
		}
		if (status == 429 || status >= 500) {
			return ThumbnailException.transientFailure(ThumbnailFailure.HTTP_ERROR, detail, null);
		}
		return new ThumbnailException(ThumbnailFailure.HTTP_ERROR, detail);
	}

	private static URI redirectTarget(HttpResponse<?> response, URI current) {
		String location = response.headers().firstValue("Location").orElseThrow(() -> new ThumbnailException(
				ThumbnailFailure.HTTP_ERROR, "HTTP " + response.statusCode() + " without Location from " + RedactedUrl.of(current)));
		try {
			return current.resolve(location);
		}
		catch (IllegalArgumentException ex) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "malformed redirect Location from " + RedactedUrl.of(current));
		}
	}

}
