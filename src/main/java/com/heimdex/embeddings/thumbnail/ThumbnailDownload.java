package com.heimdex.embeddings.thumbnail;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * One attempt at fetching a thumbnail: follows redirects by hand, checking every hop against the
 * {@link UrlPolicy} and sending the storage token only to the storage origin, and maps each
 * outcome to a {@link ThumbnailFailure}, marking those worth another attempt as transient. A 401
 * or 403 from the storage origin is the storage refusing its authorization, which stops the run
 * ({@link StorageAuthorizationException}); from any other origin it is the scene's
 * {@code thumbnail_http_error} (an expired signed URL, a private object). Each
 * request, body included, gets {@code thumbnails.read-timeout}: past it the request is aborted.
 */
final class ThumbnailDownload {

	private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

	/** Aborts requests past their time; one daemon thread for every download in the process. */
	private static final ScheduledThreadPoolExecutor DEADLINES = deadlines();

	private final CloseableHttpClient client;

	private final UrlPolicy policy;

	private final ThumbnailUrlResolver resolver;

	private final LimitedBody body;

	private final Duration readTimeout;

	private final int maxRedirects;

	ThumbnailDownload(CloseableHttpClient client, UrlPolicy policy, ThumbnailUrlResolver resolver,
			ThumbnailProperties properties) {
		this.client = client;
		this.policy = policy;
		this.resolver = resolver;
		this.body = new LimitedBody(properties.maxBytes().toBytes());
		this.readTimeout = properties.readTimeout();
		this.maxRedirects = properties.maxRedirects();
	}

	/** A 2xx response at the end of the redirect chain. */
	record Response(URI uri, String contentType, byte[] body) {
	}

	/** Returns the 2xx response at the end of the redirect chain starting at {@code uri}. */
	Response fetch(URI uri) {
		URI current = uri;
		for (int hop = 0;; hop++) {
			this.policy.check(current);
			Answer answer = send(current);
			if (answer.status() >= 200 && answer.status() <= 299) {
				return new Response(current, answer.contentType(), answer.body());
			}
			if ((answer.status() == 401 || answer.status() == 403) && this.resolver.isStorage(current)) {
				throw storageRefused(answer.status(), current);
			}
			if (!REDIRECTS.contains(answer.status())) {
				throw statusFailure(answer.status(), current);
			}
			if (hop >= this.maxRedirects) {
				throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR,
						"more than " + this.maxRedirects + " redirects from " + RedactedUrl.of(uri));
			}
			current = redirectTarget(answer, current);
		}
	}

	/** What one request got: the status, and the body of a 2xx or the {@code Location} of anything else. */
	private record Answer(int status, String location, String contentType, byte[] body) {
	}

	private Answer send(URI uri) {
		HttpGet request = new HttpGet(uri);
		request.setHeader("Accept", "image/*");
		this.resolver.authorizationFor(uri).ifPresent((value) -> request.setHeader("Authorization", value));
		AtomicBoolean late = new AtomicBoolean();
		ScheduledFuture<?> deadline = DEADLINES.schedule(() -> {
			late.set(true);
			request.cancel();
		}, this.readTimeout.toNanos(), TimeUnit.NANOSECONDS);
		try {
			return exchange(request);
		}
		catch (InterruptedIOException ex) {
			// a socket or connect timeout, or the request aborted at its deadline
			if (!late.get() && Thread.currentThread().isInterrupted()) {
				throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "interrupted while fetching " + RedactedUrl.of(uri));
			}
			throw timeout(uri, ex);
		}
		catch (IOException ex) {
			if (late.get()) {
				throw timeout(uri, ex);
			}
			throw ThumbnailException.transientFailure(ThumbnailFailure.HTTP_ERROR,
					"connection failed to " + RedactedUrl.of(uri) + ": " + ex, ex);
		}
		finally {
			deadline.cancel(false);
		}
	}

	/**
	 * Sends the request and reads what it needs of the response. A body given up on (too large,
	 * late, cut short) is not read to its end, as closing the response would: the connection is
	 * dropped first.
	 */
	private Answer exchange(HttpGet request) throws IOException {
		ClassicHttpResponse response = this.client.executeOpen(null, request, null);
		try {
			Answer answer = answer(response, request);
			if (request.isCancelled()) {
				closeDropped(response);
			}
			else {
				response.close();
			}
			return answer;
		}
		catch (IOException | RuntimeException ex) {
			request.cancel();
			closeDropped(response);
			throw ex;
		}
	}

	private Answer answer(ClassicHttpResponse response, HttpGet request) throws IOException {
		int status = response.getCode();
		if (status >= 200 && status <= 299) {
			Header contentType = response.getFirstHeader("Content-Type");
			return new Answer(status, null, (contentType != null) ? contentType.getValue() : null,
					this.body.read(response.getEntity()));
		}
		Header location = response.getFirstHeader("Location");
		if (!this.body.discardIfSmall(response.getEntity())) {
			// an error page too large to read past: a new connection is cheaper
			request.cancel();
		}
		return new Answer(status, (location != null) ? location.getValue() : null, null, null);
	}

	private static void closeDropped(ClassicHttpResponse response) {
		try {
			response.close();
		}
		catch (IOException ex) {
			// its connection is gone already
		}
	}

	private ThumbnailException timeout(URI uri, Throwable cause) {
		return ThumbnailException.transientFailure(ThumbnailFailure.TIMEOUT,
				"no complete response within " + this.readTimeout.toMillis() + " ms from " + RedactedUrl.of(uri), cause);
	}

	private StorageAuthorizationException storageRefused(int status, URI uri) {
		String sent = this.resolver.authorizationFor(uri).isPresent() ? "refused the bearer token (STORAGE_AUTH_TOKEN)"
				: "requires authorization, and no STORAGE_AUTH_TOKEN is set";
		return new StorageAuthorizationException("the storage " + RedactedUrl.of(this.resolver.storageBaseUrl()) + " "
				+ sent + ": HTTP " + status + " for " + RedactedUrl.of(uri)
				+ ". The token is missing, expired or lacks access; set a valid STORAGE_AUTH_TOKEN");
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

	private static URI redirectTarget(Answer answer, URI current) {
		if (answer.location() == null) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR,
					"HTTP " + answer.status() + " without Location from " + RedactedUrl.of(current));
		}
		try {
			return current.resolve(answer.location());
		}
		catch (IllegalArgumentException ex) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "malformed redirect Location from " + RedactedUrl.of(current));
		}
	}

	private static ScheduledThreadPoolExecutor deadlines() {
		ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, (task) -> {
			Thread thread = new Thread(task, "thumbnail-deadlines");
			thread.setDaemon(true);
			return thread;
		});
		executor.setRemoveOnCancelPolicy(true);
		return executor;
	}

}
