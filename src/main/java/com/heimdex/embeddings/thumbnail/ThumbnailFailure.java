package com.heimdex.embeddings.thumbnail;

/**
 * Why a thumbnail could not be turned into an image. Each {@link #code()} is stored as
 * {@code visual_clip_metadata.error} and groups in the error-distribution query, so the codes
 * are stable and must never be renamed.
 */
public enum ThumbnailFailure {

	/** The server answered 404 or 410. */
	NOT_FOUND("thumbnail_not_found"),

	/**
	 * Any other non-2xx answer, a 5xx or 429 that persisted after the retries, a connection
	 * failure, an unknown host, too many redirects, or a URL that is malformed or not http(s).
	 */
	HTTP_ERROR("thumbnail_http_error"),

	/** Connecting or receiving the whole response took longer than allowed. */
	TIMEOUT("thumbnail_timeout"),

	/** The body is larger than {@code thumbnails.max-bytes} (declared or counted). */
	TOO_LARGE("thumbnail_too_large"),

	/**
	 * The URL policy refused the target (loopback, private, link-local, ... address), or a
	 * storage path was given while no storage base URL is configured.
	 */
	URL_NOT_ALLOWED("url_not_allowed"),

	/** The bytes are not an image in a supported format, or the image is corrupt or truncated. */
	IMAGE_DECODE_FAILED("image_decode_failed"),

	/** The image header declares more pixels than {@code thumbnails.max-pixels}. */
	IMAGE_TOO_LARGE("image_too_large");

	private final String code;

	ThumbnailFailure(String code) {
		this.code = code;
	}

	/** The stable error code, e.g. {@code thumbnail_not_found}. */
	public String code() {
		return this.code;
	}

}
