package com.heimdex.embeddings.thumbnail;

import java.net.URI;
import java.util.Locale;

/**
 * Scheme, host and effective port of an http(s) URL: two URLs may share credentials only when
 * their origins are equal.
 */
record HttpOrigin(String scheme, String host, int port) {

	static HttpOrigin of(URI uri) {
		String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
		int port = uri.getPort();
		if (port == -1) {
			port = "https".equals(scheme) ? 443 : 80;
		}
		return new HttpOrigin(scheme, uri.getHost().toLowerCase(Locale.ROOT), port);
	}

	static boolean isHttp(URI uri) {
		String scheme = uri.getScheme();
		return "http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme);
	}

}
