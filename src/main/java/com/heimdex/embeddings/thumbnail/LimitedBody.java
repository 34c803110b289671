package com.heimdex.embeddings.thumbnail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

import org.apache.hc.core5.http.HttpEntity;

/**
 * Reads a response body of at most {@code maxBytes}: a larger {@code Content-Length} is refused
 * before any body byte is read, and a body without one is counted while it streams and cut off as
 * soon as it passes the limit.
 */
final class LimitedBody {

	/** Largest error body read to the end so that its connection can serve the next request. */
	private static final long DISCARDED_BYTES = 64 * 1024;

	private static final int READ_SIZE = 16 * 1024;

	/** Largest declared length the buffer is sized to up front; longer bodies grow it as they come. */
	private static final long PRESIZED_BYTES = 4 * 1024 * 1024;

	private final long maxBytes;

	LimitedBody(long maxBytes) {
		this.maxBytes = maxBytes;
	}

	/**
	 * The body, or an empty array when there is none. On failure the stream is left open: closing
	 * it would read the rest of the body; the caller drops the connection instead.
	 */
	byte[] read(HttpEntity entity) throws IOException {
		if (entity == null) {
			return new byte[0];
		}
		long declared = entity.getContentLength();
		if (declared > this.maxBytes) {
			throw tooLarge("Content-Length " + declared);
		}
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(
				(declared >= 0 && declared <= PRESIZED_BYTES) ? (int) declared : READ_SIZE);
		byte[] chunk = new byte[READ_SIZE];
		InputStream in = entity.getContent();
		for (int read = in.read(chunk); read >= 0; read = in.read(chunk)) {
			if (bytes.size() + (long) read > this.maxBytes) {
				throw tooLarge("streamed body");
			}
			bytes.write(chunk, 0, read);
		}
		in.close();
		return bytes.toByteArray();
	}

	/**
	 * Reads and drops a body no longer than {@link #DISCARDED_BYTES}, so that the connection can
	 * be kept; false, reading nothing, when the body is longer or of unknown length.
	 */
	boolean discardIfSmall(HttpEntity entity) throws IOException {
		if (entity == null) {
			return true;
		}
		long declared = entity.getContentLength();
		if (declared < 0 || declared > DISCARDED_BYTES) {
			return false;
		}
		try (InputStream in = entity.getContent()) {
			in.transferTo(OutputStream.nullOutputStream());
		}
		return true;
	}

	private ThumbnailException tooLarge(String what) {
		return new ThumbnailException(ThumbnailFailure.TOO_LARGE, what + " exceeds the limit of " + this.maxBytes + " bytes");
	}

}
