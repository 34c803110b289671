package com.heimdex.embeddings.cli;

import java.util.Locale;
import java.util.Map;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;

/**
 * {@code LOG_FORMAT}: {@code human} (the default: the seeds' plain lines) or {@code json}: every
 * line one JSON object in the Elastic Common Schema (Spring Boot's structured logging), with the
 * start banner's settings, each progress line's counts and the run summary as fields.
 */
enum LogFormat {

	HUMAN, JSON;

	static final String VARIABLE = "LOG_FORMAT";

	static LogFormat from(Map<String, String> environment) {
		String value = environment.get(VARIABLE);
		if (value == null || value.isBlank()) {
			return HUMAN;
		}
		return switch (value.trim().toLowerCase(Locale.ROOT)) {
			case "human" -> HUMAN;
			case "json" -> JSON;
			default -> throw new InvalidJobArgumentsException(
					VARIABLE + " must be 'human' (the default) or 'json', was '" + value + "'");
		};
	}

	/** The Spring Boot logging settings of this format. */
	Map<String, Object> properties() {
		return (this == JSON) ? Map.of("logging.structured.format.console", "ecs",
				"logging.structured.ecs.service.name", "scene-embedding-jobs") : Map.of();
	}

}
