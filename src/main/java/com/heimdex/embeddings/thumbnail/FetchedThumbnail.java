package com.heimdex.embeddings.thumbnail;

import java.net.URI;

/**
 * The body of a successful thumbnail fetch.
 *
 * @param bytes the response body, at most {@code thumbnails.max-bytes} long
 * @param finalUrl the URL that answered 2xx, after redirects
 * @param contentType the {@code Content-Type} header, or {@code null} if absent
 * @param elapsedMillis wall time of the whole fetch, retries and back-off included
 */
public record FetchedThumbnail(byte[] bytes, URI finalUrl, String contentType, long elapsedMillis) {

	@Override
	public String toString() {
		return "FetchedThumbnail[" + this.bytes.length + " bytes, finalUrl=" + RedactedUrl.of(this.finalUrl)
				+ ", contentType=" + this.contentType + ", elapsedMillis=" + this.elapsedMillis + "]";
	}

}
