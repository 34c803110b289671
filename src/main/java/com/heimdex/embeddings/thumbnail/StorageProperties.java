package com.heimdex.embeddings.thumbnail;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Object storage that relative {@code thumbnail_url} values live in. Set through
 * {@code STORAGE_BASE_URL} and {@code STORAGE_AUTH_TOKEN}.
 *
 * @param baseUrl URL that storage paths such as {@code user_id/video_id/thumbnails/scene_12.jpg}
 * are resolved against, e.g. {@code https://project.supabase.co/storage/v1/object/public/thumbnails/};
 * unset means storage paths are refused with {@code url_not_allowed}
 * @param authToken bearer token sent only to requests whose origin (scheme, host, port) is the
 * base URL's; never logged
 * @param allowHttp whether the token may go to an {@code http://} base URL, unencrypted (on-premise
 * storage on a trusted network); without it such a base URL with a token is refused at start-up
 */
@ConfigurationProperties("storage")
public record StorageProperties(URI baseUrl, String authToken, @DefaultValue("false") boolean allowHttp) {

	@ConstructorBinding
	public StorageProperties {
		if (baseUrl != null && (!HttpOrigin.isHttp(baseUrl) || baseUrl.getHost() == null)) {
			throw new IllegalArgumentException("storage.base-url must be an absolute http(s) URL, was "
					+ RedactedUrl.of(baseUrl));
		}
		if (authToken != null && authToken.isBlank()) {
			authToken = null;
		}
		if (authToken != null && baseUrl != null && !"https".equalsIgnoreCase(baseUrl.getScheme()) && !allowHttp) {
			throw new IllegalArgumentException("STORAGE_BASE_URL " + RedactedUrl.of(baseUrl)
					+ " is not https, and STORAGE_AUTH_TOKEN would travel unencrypted: use an https base URL, or set"
					+ " STORAGE_ALLOW_HTTP=true for storage on a trusted network");
		}
	}

	/** Storage at {@code baseUrl} with {@code authToken}, which only goes over https. */
	public StorageProperties(URI baseUrl, String authToken) {
		this(baseUrl, authToken, false);
	}

	/** No storage configured: only absolute thumbnail URLs can be fetched. */
	public static StorageProperties none() {
		return new StorageProperties(null, null, false);
	}

	@Override
	public String toString() {
		return "StorageProperties[baseUrl=" + RedactedUrl.of(this.baseUrl) + ", authToken="
				+ ((this.authToken != null) ? "******" : "null") + ", allowHttp=" + this.allowHttp + "]";
	}

}
