package com.heimdex.embeddings.lexical;

import java.net.URI;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The OpenSearch back end of the lexical index, used instead of PostgreSQL when
 * {@code OPENSEARCH_URL} is set. Binds {@code OPENSEARCH_URL}, {@code OPENSEARCH_USERNAME},
 * {@code OPENSEARCH_PASSWORD}, {@code OPENSEARCH_INDEX}, {@code OPENSEARCH_ANALYZER},
 * {@code OPENSEARCH_SHARDS}, {@code OPENSEARCH_REPLICAS}, {@code OPENSEARCH_CONNECT_TIMEOUT} and
 * {@code OPENSEARCH_RESPONSE_TIMEOUT}.
 *
 * @param url base URL of the cluster ({@code https://search.example.com:9200}); unset keeps the
 * lexical index in PostgreSQL
 * @param username basic-auth user, or unset
 * @param password basic-auth password; never logged
 * @param index the alias searches use; the documents live in an index it points to (created with
 * the application's mapping when missing, replaced by a forced full rebuild)
 * @param analyzer analyzer of the text fields when the application creates an index
 * ({@code standard}, or one the cluster provides such as {@code english})
 * @param shards primary shards of an index the application creates
 * @param replicas replicas of an index the application creates
 * @param connectTimeout to connect to the cluster
 * @param responseTimeout for one request's answer
 */
@ConfigurationProperties("opensearch")
public record OpenSearchProperties(String url, String username, String password,
		@DefaultValue("scenes") String index, @DefaultValue("standard") String analyzer,
		@DefaultValue("1") int shards, @DefaultValue("1") int replicas, @DefaultValue("10s") Duration connectTimeout,
		@DefaultValue("60s") Duration responseTimeout) {

	public OpenSearchProperties {
		if (url != null && !url.isBlank()) {
			URI parsed;
			try {
				parsed = URI.create(url.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("OPENSEARCH_URL is not a URL: " + ex.getMessage());
			}
			if (!("http".equals(parsed.getScheme()) || "https".equals(parsed.getScheme())) || parsed.getHost() == null
					|| parsed.getUserInfo() != null) {
				throw new IllegalArgumentException("OPENSEARCH_URL must be an http(s) URL such as"
						+ " https://search.example.com:9200, with credentials in OPENSEARCH_USERNAME/_PASSWORD");
			}
		}
		if (index == null || !index.matches("[a-z0-9][a-z0-9_.-]*")) {
			throw new IllegalArgumentException(
					"OPENSEARCH_INDEX must be a lower-case index or alias name such as scenes, was '" + index + "'");
		}
		if (shards < 1 || replicas < 0) {
			throw new IllegalArgumentException("OPENSEARCH_SHARDS must be >= 1 and OPENSEARCH_REPLICAS >= 0");
		}
	}

	/** Whether the lexical index lives in OpenSearch. */
	public boolean enabled() {
		return this.url != null && !this.url.isBlank();
	}

	boolean hasCredentials() {
		return this.username != null && !this.username.isBlank();
	}

	@Override
	public String toString() {
		return "OpenSearchProperties[url=" + this.url + ", username=" + this.username + ", password="
				+ ((this.password != null) ? "(set)" : "(unset)") + ", index=" + this.index + "]";
	}

}
