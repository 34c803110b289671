package com.heimdex.embeddings.cli;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretRedactionTest {

	private final SecretRedaction redaction = SecretRedaction.of(Map.of("DATABASE_URL",
			"postgres://u:p^ss{w%40rd@host/db", "OPENAI_API_KEY", "sk-t0k3n$\\\\1", "STORAGE_AUTH_TOKEN", "b3arer|\"x",
			"SPRING_DATASOURCE_PASSWORD", "an0ther (pw)", "CLIP_TIMEOUT_S", "5.0"));

	@Test
	void secretSettingsAreHiddenWhereverTheyAppear() {
		String text = "failed: p^ss{w@rd, sk-t0k3n$\\\\1 and b3arer|\"x; user an0ther (pw) after 5.0 s";

		assertThat(this.redaction.redact(text)).isEqualTo("failed: ****, **** and ****; user **** after 5.0 s");
	}

	@Test
	void credentialsInsideUrlsAreHiddenEvenWhenNotConfigured() {
		assertThat(this.redaction.redact("at jdbc:postgresql://h/db?user=u&password=z!x^y&ssl=true, "
				+ "then postgres://someone:else's{pw@other:5432/db failed"))
			.isEqualTo("at jdbc:postgresql://h/db?user=u&password=****&ssl=true, then postgres://someone:****@other:5432/db failed");
		assertThat(this.redaction.redact("expected postgres://user:password@host:5432/database"))
			.isEqualTo("expected postgres://user:password@host:5432/database");
	}

}
