package com.heimdex.embeddings.text;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The text embedding client, built from the {@code openai.*} and {@code embedding.*} settings. Lazy,
 * so that jobs without text embeddings neither load the tokenizer nor start request threads.
 */
@Configuration(proxyBeanMethods = false)
class TextEmbeddingConfiguration {

	@Bean(destroyMethod = "close")
	@Lazy
	OpenAiEmbeddingClient openAiEmbeddingClient(TextEmbeddingProperties settings, OpenAiEndpointProperties endpoint) {
		return new OpenAiEmbeddingClient(settings, endpoint);
	}

}
