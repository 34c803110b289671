package com.heimdex.embeddings.text;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TextEmbeddingPropertiesTests {

	@Test
	void defaultsAreTheContractValues() {
		// given no environment at all
		Binder binder = binder(Map.of());

		// when
		TextEmbeddingProperties settings = binder.bindOrCreate("embedding", TextEmbeddingProperties.class);
		OpenAiEndpointProperties endpoint = binder.bindOrCreate("openai", OpenAiEndpointProperties.class);

		// then
		assertThat(endpoint.apiKey()).isNull();
		assertThat(endpoint.baseUrl()).isEqualTo("https://api.openai.com/v1");
		assertThat(settings.model()).isEqualTo("text-embedding-3-small");
		assertThat(settings.dimensions()).isEqualTo(1536);
		assertThat(settings.requestsPerMinute()).isEqualTo(500);
		assertThat(settings.tokensPerMinute()).isEqualTo(1_000_000);
		assertThat(settings.maxInputsPerRequest()).isEqualTo(2048);
		assertThat(settings.maxTokensPerRequest()).isEqualTo(300_000);
		assertThat(settings.maxInputTokens()).isEqualTo(8191);
		assertThat(settings.maxAttempts()).isEqualTo(5);
		assertThat(settings.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
		assertThat(settings.maxBackoff()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(settings.sendDimensions()).isTrue();
		assertThat(settings.pricePerMillionTokens()).isEqualTo(0.02);
	}

	@Test
	void contractEnvironmentNamesBindByRelaxedBinding() {
		// given the environment as operators set it
		Binder binder = binder(Map.of("OPENAI_API_KEY", "sk-env", "OPENAI_BASE_URL", "http://localhost:11434/v1/",
				"EMBEDDING_MODEL", "nomic-embed-text", "EMBEDDING_DIMENSIONS", "768", "EMBEDDING_REQUESTS_PER_MINUTE",
				"5000", "EMBEDDING_TOKENS_PER_MINUTE", "5000000", "EMBEDDING_SEND_DIMENSIONS", "false",
				"EMBEDDING_MAX_TOKENS_PER_REQUEST", "100000"));

		// when
		TextEmbeddingProperties settings = binder.bindOrCreate("embedding", TextEmbeddingProperties.class);
		OpenAiEndpointProperties endpoint = binder.bindOrCreate("openai", OpenAiEndpointProperties.class);

		// then
		assertThat(endpoint.apiKey()).isEqualTo("sk-env");
		assertThat(endpoint.baseUrl()).isEqualTo("http://localhost:11434/v1");
		assertThat(settings.model()).isEqualTo("nomic-embed-text");
		assertThat(settings.dimensions()).isEqualTo(768);
		assertThat(settings.requestsPerMinute()).isEqualTo(5000);
		assertThat(settings.tokensPerMinute()).isEqualTo(5_000_000);
		assertThat(settings.sendDimensions()).isFalse();
		assertThat(settings.maxTokensPerRequest()).isEqualTo(100_000);
	}

	@Test
	void toStringHidesTheApiKey() {
		// given
		OpenAiEndpointProperties endpoint = new OpenAiEndpointProperties("sk-very-secret", "https://api.openai.com/v1");

		// when
		String text = endpoint.toString();

		// then
		assertThat(text).doesNotContain("sk-very-secret").contains("hidden").contains("https://api.openai.com/v1");
		assertThat(new OpenAiEndpointProperties(null, "http://x/v1").toString()).contains("not set");
	}

	@Test
	void invalidSettingsNameTheEnvironmentVariable() {
		assertThatThrownBy(() -> TextEmbeddingTestSettings.settings("dimensions=0")).rootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("EMBEDDING_DIMENSIONS");
		assertThatThrownBy(() -> TextEmbeddingTestSettings.settings("tokens-per-minute=1000")).rootCause()
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("EMBEDDING_TOKENS_PER_MINUTE");
		assertThatIllegalArgumentException().isThrownBy(() -> new OpenAiEndpointProperties(null, "ftp://x"))
			.withMessageContaining("OPENAI_BASE_URL");
	}

	@Test
	void aBaseUrlHoldingCredentialsIsRefusedWithoutShowingThem() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new OpenAiEndpointProperties(null, "https://proxy-user:s3cr3t^pw@proxy.internal/v1"))
			.withMessageContaining("OPENAI_BASE_URL")
			.withMessageContaining("OPENAI_API_KEY")
			.withMessageNotContaining("s3cr3t");
	}

	@Test
	void perRequestTokenCapNeverExceedsTheMinuteBudget() {
		TextEmbeddingProperties settings = TextEmbeddingTestSettings.settings("tokens-per-minute=150000");

		assertThat(settings.effectiveMaxTokensPerRequest()).isEqualTo(150_000);
	}

	private static Binder binder(Map<String, Object> environment) {
		return new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource(
				StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, environment)));
	}

}
