package com.heimdex.embeddings.thumbnail;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Object storage that relative {@code thumbnail_url} values live in. Set through
 * {@code STORAGE_BASE_URL} and {@code STORAGE_AUTH_TOKEN}.
 *
 * @param baseUrl URL that storage paths such as {@code user_id/video_id/thumbnails/scene_12.jpg}
 * are resolved against, e.g. {@code https://project.supabase.co/storage/v1/object/public/thumbnails/};
 * unset means storage paths are refused with {@code url_not_allowed}
 * @param authToken bearer token sent only to requests whose origin (scheme, host, port) is the
 * base URL's; never logged
 */
@ConfigurationProperties("storage")
public record StorageProperties(URI baseUrl, String authToken) {

	public StorageProperties {
		if (baseUrl != null && (!HttpOrigin.isHttp(baseUrl) || baseUrl.getHost() == null)) {
			throw new IllegalArgumentException("storage.base-url must be an absolute http(s) URL, was " + baseUrl);
		}
		if (authToken != null && authToken.isBlank()) {
			authToken = null;
		}
	}

	/** No storage configured: only absolute thumbnail URLs can be fetched. */
	public static StorageProperties none() {
		return new StorageProperties(null, null);
	}

	@Override
	public String toString() {
		return "StorageProperties[baseUrl=" + RedactedUrl.of(this.baseUrl) + ", authToken="
				+ ((this.authToken != null) ? "******" : "null") + "]";
	}

}
