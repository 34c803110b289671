package com.heimdex.embeddings.text;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

class TextEmbeddingConfigurationTests {

	private final ApplicationContextRunner context = new ApplicationContextRunner()
		.withUserConfiguration(TextEmbeddingConfiguration.class, BoundSettings.class);

	@Test
	void buildsTheClientFromTheSettings() {
		context.withPropertyValues("embedding.dimensions=768", "openai.base-url=http://localhost:11434/v1")
			.run(started -> {
				assertThat(started).hasNotFailed();
				assertThat(started).hasSingleBean(OpenAiEmbeddingClient.class);
				assertThat(started.getBean(TextEmbeddingProperties.class).dimensions()).isEqualTo(768);
				assertThat(started.getBean(OpenAiEndpointProperties.class).baseUrl())
					.isEqualTo("http://localhost:11434/v1");
			});
	}

	@Test
	void refusesInvalidSettingsNamingThem() {
		context.withPropertyValues("embedding.requests-per-minute=0")
			.run(started -> assertThat(started).getFailure()
				.rootCause()
				.hasMessageContaining("EMBEDDING_REQUESTS_PER_MINUTE"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ TextEmbeddingProperties.class, OpenAiEndpointProperties.class })
	static class BoundSettings {

	}

}
