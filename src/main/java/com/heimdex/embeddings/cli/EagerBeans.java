package com.heimdex.embeddings.cli;

import org.springframework.boot.LazyInitializationExcludeFilter;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What stays eager when a command starts its context lazily ({@link CommandLine}): every settings
 * record, so that a bad setting stops any command at start with its own message whatever the
 * command uses, and the metrics registries and their exporters, which push when the context
 * closes.
 */
@Configuration(proxyBeanMethods = false)
class EagerBeans {

	@Bean
	static LazyInitializationExcludeFilter settingsAndMetricsStayEager() {
		return (beanName, definition, beanType) -> beanType.isAnnotationPresent(ConfigurationProperties.class)
				|| beanType.getName().startsWith("io.micrometer.")
				|| beanType.getName().startsWith("org.springframework.boot.micrometer.");
	}

}
