package com.heimdex.embeddings.cli;

import java.util.Map;

import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * Spring settings that make {@code serve}'s web server what the admin server documents, and keep
 * the web and security auto-configuration out of every other command (they are not web
 * applications; these two would otherwise still load their classes at start-up).
 */
final class AdminServerSettings {

	private static final String ADMIN_PACKAGE = "com.heimdex.embeddings.admin.";

	private AdminServerSettings() {
	}

	static Map<String, Object> defaults() {
		return Map.of("server.port", "${admin.port:8080}",
				// Requests in flight finish before the server stops; running jobs are stopped by the admin server.
				"server.shutdown", "graceful",
				"server.error.include-message", "never",
				"server.servlet.session.cookie.same-site", "strict",
				"server.servlet.session.cookie.http-only", "true",
				"server.servlet.session.timeout", "8h");
	}

	/** Keeps the admin server's classes out of the component scan of every other command. */
	static void leaveOutOfScan(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("adminServerExcludeFilter", new TypeExcludeFilter() {

			@Override
			public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
				return reader.getClassMetadata().getClassName().startsWith(ADMIN_PACKAGE);
			}

		});
	}

	static Map<String, Object> excludedFromOtherCommands() {
		return Map.of("spring.autoconfigure.exclude",
				"org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration,"
						+ "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration");
	}

}
