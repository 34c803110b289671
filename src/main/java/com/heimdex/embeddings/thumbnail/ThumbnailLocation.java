package com.heimdex.embeddings.thumbnail;

import java.net.URI;

/**
 * Where a {@code thumbnail_url} points, and the {@code Authorization} header value that may be
 * sent there.
 *
 * @param uri absolute http(s) URL of the first request
 * @param fromStoragePath whether the value was a storage path resolved against the base URL
 */
record ThumbnailLocation(URI uri, boolean fromStoragePath) {
}
