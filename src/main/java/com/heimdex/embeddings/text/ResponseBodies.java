package com.heimdex.embeddings.text;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.Arrays;

/**
 * Reads the body of an embeddings answer up to a limit, so that a broken or hostile endpoint cannot
 * exhaust the heap: an answer of vectors up to the most its inputs can take as JSON numbers, an
 * error answer up to {@link #ERROR_BODY_LIMIT} (the rest is not read).
 */
final class ResponseBodies {

	/** Error answers are read this far: enough for any server's message. */
	static final int ERROR_BODY_LIMIT = 64 * 1024;

	/** A JSON number of a float vector takes at most this many bytes with its separator ({@code -1.2345678E-10,}). */
	private static final int BYTES_PER_NUMBER = 24;

	/** Room per input for its object's keys and index, and for the answer's envelope and usage. */
	private static final int BYTES_PER_INPUT = 256;

	private static final int ENVELOPE_BYTES = 64 * 1024;

	private ResponseBodies() {
	}

	/** @throws EmbeddingRequestFailure {@code invalid_response} when the answer is larger than its inputs' vectors can be */
	static byte[] success(HttpResponse<InputStream> response, int inputs, int dimensions, URI uri)
			throws EmbeddingRequestFailure {
		long limit = ENVELOPE_BYTES + (long) inputs * ((long) dimensions * BYTES_PER_NUMBER + BYTES_PER_INPUT);
		boolean declaredTooLarge = response.headers().firstValueAsLong("content-length").orElse(-1) > limit;
		byte[] body = declaredTooLarge ? null : read(response, limit, uri);
		if (body == null || body.length > limit) {
			closeQuietly(response.body());
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.INVALID_RESPONSE, "embeddings answer larger than "
					+ limit + " bytes, more than " + inputs + " vectors of " + dimensions + " numbers take; not read further ("
					+ uri + ")");
		}
		return body;
	}

	/** The start of an error answer, at most {@link #ERROR_BODY_LIMIT} bytes. */
	static byte[] error(HttpResponse<InputStream> response, URI uri) throws EmbeddingRequestFailure {
		byte[] body = read(response, ERROR_BODY_LIMIT, uri);
		return (body.length > ERROR_BODY_LIMIT) ? Arrays.copyOf(body, ERROR_BODY_LIMIT) : body;
	}

	private static void closeQuietly(InputStream body) {
		try {
			body.close();
		}
		catch (IOException ex) {
			// the connection is dropped either way
		}
	}

	/** Up to {@code limit + 1} bytes, so that a longer body shows; closing the stream drops the rest. */
	private static byte[] read(HttpResponse<InputStream> response, long limit, URI uri) throws EmbeddingRequestFailure {
		try (InputStream body = response.body()) {
			return body.readNBytes((int) Math.min(limit + 1, Integer.MAX_VALUE - 8));
		}
		catch (IOException ex) {
			throw new EmbeddingRequestFailure(EmbeddingFailureCode.CONNECTION_ERROR,
					"answer cut off: " + ex.getClass().getSimpleName() + " (" + uri + ")", null, ex);
		}
	}

}
