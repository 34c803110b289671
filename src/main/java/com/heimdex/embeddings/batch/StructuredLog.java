package com.heimdex.embeddings.batch;

import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.spi.LoggingEventBuilder;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Log lines that carry fields. With {@code LOG_FORMAT=json} (Spring Boot's structured logging)
 * the fields are members of the line's JSON object; the human format prints the message alone.
 */
@Component
public class StructuredLog {

	private final boolean structured;

	StructuredLog(Environment environment) {
		this.structured = environment.containsProperty("logging.structured.format.console");
	}

	/** Whether lines are JSON objects (so a message need not repeat what the fields hold). */
	public boolean structured() {
		return this.structured;
	}

	/** Logs {@code message} at INFO with these fields (nested maps become nested objects). */
	public static void info(Logger logger, String message, Map<String, ?> fields) {
		LoggingEventBuilder event = logger.atInfo();
		fields.forEach(event::addKeyValue);
		event.log(message);
	}

}
