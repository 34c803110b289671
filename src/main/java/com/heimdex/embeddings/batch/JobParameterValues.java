package com.heimdex.embeddings.batch;

import java.util.Map;
import java.util.UUID;

/** Typed reads of the {@code #{jobParameters}} map a job-scoped step is given. */
public final class JobParameterValues {

	private JobParameterValues() {
	}

	/** A BOOLEAN option: stored as Boolean, or as text by older executions. */
	public static boolean flag(Map<String, Object> parameters, String name) {
		Object value = parameters.get(name);
		return (value instanceof Boolean flag) ? flag : Boolean.parseBoolean(String.valueOf(value));
	}

	/** A UUID_VALUE option, or {@code null} when unset. */
	public static UUID uuid(Map<String, Object> parameters, String name) {
		Object value = parameters.get(name);
		return (value != null) ? UUID.fromString(value.toString()) : null;
	}

}
