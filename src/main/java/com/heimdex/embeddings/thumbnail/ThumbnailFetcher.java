package com.heimdex.embeddings.thumbnail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.hc.client5.http.SystemDefaultDnsResolver;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;
import org.springframework.stereotype.Component;

/**
 * Fetches thumbnail bytes over HTTP(S): resolves storage paths, applies the URL policy to every
 * hop, limits time and size, and retries transient failures (5xx, 429, timeouts, connection
 * errors) with exponential back-off and jitter. Thread-safe; all fetches share one HTTP client.
 * <p>
 * The client is Apache HttpClient's blocking one, over a pool of kept-alive HTTP/1.1
 * connections, one per fetching thread: a thumbnail costs it a third to a fifth of the CPU time
 * the JDK's HttpClient takes (whose every request passes through its selector thread and an
 * executor), which counts where fetching shares the cores with CLIP inference.
 */
@Component
public class ThumbnailFetcher implements AutoCloseable {

	/** Connections kept across all hosts: a storage origin and a few CDN hosts. */
	private static final int MIN_POOLED_CONNECTIONS = 16;

	private static final String USER_AGENT = "scene-embedding-jobs";

	private final CloseableHttpClient client;

	private final ThumbnailUrlResolver resolver;

	private final ThumbnailDownload download;

	private final RetryTemplate retryTemplate;

	@Autowired
	public ThumbnailFetcher(ThumbnailProperties properties, StorageProperties storage) {
		this(properties, storage, null, new UrlPolicy(properties.allowPrivateAddresses()));
	}

	/** @param proxy HTTP proxy every request goes through; {@code null} for none (the default) */
	ThumbnailFetcher(ThumbnailProperties properties, StorageProperties storage, InetSocketAddress proxy,
			UrlPolicy policy) {
		this.client = newHttpClient(properties, proxy, policy);
		this.resolver = new ThumbnailUrlResolver(storage);
		this.download = new ThumbnailDownload(this.client, policy, this.resolver, properties);
		this.retryTemplate = new RetryTemplate(retryPolicy(properties));
	}

	/**
	 * Fetches the thumbnail that a scene's {@code thumbnail_url} names.
	 * @param thumbnailUrl an absolute http(s) URL or a storage path
	 * @return the body and where it came from
	 * @throws ThumbnailException with a stable code when the thumbnail cannot be fetched
	 * @throws StorageAuthorizationException when the storage refuses its authorization (401/403)
	 */
	public FetchedThumbnail fetch(String thumbnailUrl) {
		long started = System.nanoTime();
		ThumbnailLocation location = this.resolver.resolve(thumbnailUrl);
		AtomicInteger attempts = new AtomicInteger();
		ThumbnailDownload.Response response;
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
		return new FetchedThumbnail(response.body(), response.uri(), response.contentType(), elapsedMillis);
	}

	/** Closes the pooled connections. */
	@Override
	public void close() {
		try {
			this.client.close();
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Closing the thumbnail HTTP client failed", ex);
		}
	}

	private static RuntimeException unwrap(RetryException ex, int attempts) {
		Throwable last = (ex.getLastException() != null) ? ex.getLastException() : ex.getCause();
		if (last instanceof StorageAuthorizationException refused) {
			return refused;
		}
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
			// each wait varies by up to half of it (never below the initial backoff), so that
			// thumbnails failing together do not retry in step
			.jitter(properties.initialBackoff().dividedBy(2))
			.multiplier(2)
			.predicate((failure) -> failure instanceof ThumbnailException thumbnailException && thumbnailException.isTransient())
			.build();
	}

	/**
	 * A client that follows no redirects (each hop is checked first), retries nothing by itself
	 * (the retry policy above does), keeps no cookies and asks for no compression (the byte limit
	 * is on the bytes as stored). It connects to the addresses the URL policy resolved and checked
	 * (through a proxy, the proxy resolves the target, and the policy's check before each request
	 * is the only one).
	 */
	private static CloseableHttpClient newHttpClient(ThumbnailProperties properties, InetSocketAddress proxy,
			UrlPolicy policy) {
		Timeout readTimeout = Timeout.of(properties.readTimeout());
		ConnectionConfig connections = ConnectionConfig.custom()
			.setConnectTimeout(Timeout.of(properties.connectTimeout()))
			.setSocketTimeout(readTimeout)
			.setValidateAfterInactivity(1, TimeUnit.SECONDS)
			.build();
		HttpClientBuilder builder = HttpClients.custom()
			.setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
				.setDnsResolver((proxy == null) ? new PolicyDnsResolver(policy) : SystemDefaultDnsResolver.INSTANCE)
				.setMaxConnPerRoute(properties.concurrency())
				.setMaxConnTotal(Math.max(properties.concurrency(), MIN_POOLED_CONNECTIONS))
				.setDefaultConnectionConfig(connections)
				.build())
			.setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(readTimeout).build())
			.disableRedirectHandling()
			.disableAutomaticRetries()
			.disableCookieManagement()
			.disableContentCompression()
			.disableAuthCaching()
			.setUserAgent(USER_AGENT);
		if (proxy != null) {
			builder.setProxy(new HttpHost(proxy.getHostString(), proxy.getPort()));
		}
		return builder.build();
	}

}
