package com.heimdex.embeddings.thumbnail;

/**
 * A thumbnail could not be fetched or decoded. {@link #code()} goes to
 * {@code visual_clip_metadata.error}, {@link #detail()} to {@code error_detail}. Details never
 * contain credentials or query strings.
 */
public class ThumbnailException extends RuntimeException {

	private static final int MAX_DETAIL_LENGTH = 300;

	private final ThumbnailFailure failure;

	private final String detail;

	private final boolean transientFailure;

	public ThumbnailException(ThumbnailFailure failure, String detail) {
		this(failure, detail, false, null);
	}

	ThumbnailException(ThumbnailFailure failure, String detail, boolean transientFailure, Throwable cause) {
		super(failure.code() + ": " + shorten(detail), cause);
		this.failure = failure;
		this.detail = shorten(detail);
		this.transientFailure = transientFailure;
	}

	static ThumbnailException transientFailure(ThumbnailFailure failure, String detail, Throwable cause) {
		return new ThumbnailException(failure, detail, true, cause);
	}

	public ThumbnailFailure failure() {
		return this.failure;
	}

	/** The stable error code, e.g. {@code thumbnail_timeout}. */
	public String code() {
		return this.failure.code();
	}

	/** A short human-readable explanation. */
	public String detail() {
		return this.detail;
	}

	/** Whether another attempt may succeed (5xx, 429, timeouts, connection failures). */
	boolean isTransient() {
		return this.transientFailure;
	}

	private static String shorten(String detail) {
		return (detail.length() <= MAX_DETAIL_LENGTH) ? detail : detail.substring(0, MAX_DETAIL_LENGTH - 3) + "...";
	}

	ThumbnailException withDetail(String newDetail) {
		return new ThumbnailException(this.failure, newDetail, this.transientFailure, getCause());
	}

}
