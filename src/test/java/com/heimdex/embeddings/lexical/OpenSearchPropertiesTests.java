package com.heimdex.embeddings.lexical;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** OPENSEARCH_* settings: what they accept, what they refuse, and that the password never shows. */
class OpenSearchPropertiesTests {

	@Test
	void unsetUrlKeepsTheIndexInPostgres() {
		assertThat(settings(null, "scenes").enabled()).isFalse();
		assertThat(settings(" ", "scenes").enabled()).isFalse();
		assertThat(settings("https://search.example.com:9200", "scenes").enabled()).isTrue();
	}

	@Test
	void refusesUrlsThatAreNotHttpOrCarryCredentialsAndIndexNamesOpenSearchRefuses() {
		assertThatThrownBy(() -> settings("search.example.com:9200", "scenes"))
			.hasMessageContaining("OPENSEARCH_URL must be an http(s) URL");
		assertThatThrownBy(() -> settings("https://user:pw@search.example.com", "scenes"))
			.hasMessageContaining("credentials in OPENSEARCH_USERNAME/_PASSWORD");
		assertThatThrownBy(() -> settings("https://search.example.com", "Scenes"))
			.hasMessageContaining("OPENSEARCH_INDEX must be a lower-case index or alias name");
	}

	@Test
	void thePasswordNeverShowsInItsTextForm() {
		OpenSearchProperties settings = new OpenSearchProperties("https://search.example.com", "indexer",
				"s3cret", "scenes", "standard", 1, 1, Duration.ofSeconds(1), Duration.ofSeconds(1));

		assertThat(settings.toString()).doesNotContain("s3cret").contains("password=(set)");
	}

	private static OpenSearchProperties settings(String url, String index) {
		return new OpenSearchProperties(url, null, null, index, "standard", 1, 1, Duration.ofSeconds(1),
				Duration.ofSeconds(1));
	}

}
