package com.heimdex.embeddings.thumbnail;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a {@code thumbnail_url} into a request URL, and decides which requests carry the storage
 * bearer token.
 * <p>
 * A value with a scheme is an absolute URL and must be http(s). Anything else is a storage path
 * (an object key such as {@code user_id/video_id/thumbnails/scene_12.jpg}, not URL-encoded),
 * resolved below {@code storage.base-url}. Without a base URL a storage path cannot be fetched:
 * that is recorded per scene as {@code url_not_allowed}, so a missing setting shows up in the
 * error distribution instead of stopping the job.
 */
final class ThumbnailUrlResolver {

	private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

	private final URI baseUrl;

	private final HttpOrigin storageOrigin;

	private final String authToken;

	ThumbnailUrlResolver(StorageProperties storage) {
		this.baseUrl = (storage.baseUrl() != null) ? withTrailingSlash(storage.baseUrl()) : null;
		this.storageOrigin = (storage.baseUrl() != null) ? HttpOrigin.of(storage.baseUrl()) : null;
		this.authToken = storage.authToken();
	}

	ThumbnailLocation resolve(String thumbnailUrl) {
		if (thumbnailUrl == null || thumbnailUrl.isBlank()) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "empty thumbnail URL");
		}
		String value = thumbnailUrl.strip();
		if (SCHEME.matcher(value).find()) {
			return new ThumbnailLocation(absolute(value), false);
		}
		return new ThumbnailLocation(storagePath(value), true);
	}

	/** The storage base URL, {@code null} when none is configured. */
	URI storageBaseUrl() {
		return this.baseUrl;
	}

	/** Whether {@code uri} has the storage base URL's origin (scheme, host, port). */
	boolean isStorage(URI uri) {
		return this.storageOrigin != null && HttpOrigin.isHttp(uri) && uri.getHost() != null
				&& HttpOrigin.of(uri).equals(this.storageOrigin);
	}

	/** {@code Bearer <token>} when the URL has the storage origin and a token is configured. */
	Optional<String> authorizationFor(URI uri) {
		if (this.authToken == null || this.storageOrigin == null || !HttpOrigin.isHttp(uri) || uri.getHost() == null) {
			return Optional.empty();
		}
		return HttpOrigin.of(uri).equals(this.storageOrigin) ? Optional.of("Bearer " + this.authToken)
				: Optional.empty();
	}

	private static URI absolute(String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "malformed URL: " + ex.getReason());
		}
		if (!HttpOrigin.isHttp(uri)) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "unsupported URL scheme: " + uri.getScheme());
		}
		if (uri.getHost() == null) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "URL has no valid host: " + RedactedUrl.of(uri));
		}
		return uri;
	}

	private URI storagePath(String value) {
		if (this.baseUrl == null) {
			throw new ThumbnailException(ThumbnailFailure.URL_NOT_ALLOWED,
					"storage path but no storage base URL is configured (STORAGE_BASE_URL)");
		}
		String key = value.replaceFirst("^/+", "");
		if (Arrays.asList(key.split("/")).contains("..")) {
			throw new ThumbnailException(ThumbnailFailure.URL_NOT_ALLOWED, "storage path leaves the base URL: " + key);
		}
		try {
			// The multi-argument constructor percent-encodes what is not legal in a path.
			String encoded = new URI(null, null, key, null).getRawPath();
			return this.baseUrl.resolve(encoded);
		}
		catch (URISyntaxException ex) {
			throw new ThumbnailException(ThumbnailFailure.HTTP_ERROR, "malformed storage path: " + ex.getReason());
		}
	}

	private static URI withTrailingSlash(URI uri) {
		String text = uri.toString();
		return text.endsWith("/") ? uri : URI.create(text + "/");
	}

}
