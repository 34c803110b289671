package com.heimdex.embeddings.clip;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The CLIP image embedder as a bean; its model is located and loaded on first use, not at startup. */
@Configuration(proxyBeanMethods = false)
class ClipEmbedderConfiguration {

	@Bean
	ClipModelLocator clipModelLocator(ClipProperties properties) {
		return new ClipModelLocator(properties);
	}

	@Bean
	ClipImageEmbedder clipImageEmbedder(ClipProperties properties, ClipModelLocator clipModelLocator) {
		return new ClipImageEmbedder(properties, clipModelLocator);
	}

}
