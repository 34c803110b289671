package com.heimdex.embeddings.thumbnail;

import java.net.URI;

/** Renders a URL without user info, query or fragment, which may carry signatures or tokens. */
final class RedactedUrl {

	private RedactedUrl() {
	}

	static String of(URI uri) {
		if (uri == null) {
			return "null";
		}
		if (uri.getRawAuthority() == null) {
			return String.valueOf(uri.getScheme()) + ":" + uri.getRawSchemeSpecificPart().replaceAll("[?#].*", "");
		}
		String port = (uri.getPort() != -1) ? ":" + uri.getPort() : "";
		String path = (uri.getRawPath() != null) ? uri.getRawPath() : "";
		return uri.getScheme() + "://" + uri.getHost() + port + path;
	}

}
