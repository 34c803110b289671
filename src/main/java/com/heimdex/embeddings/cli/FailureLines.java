package com.heimdex.embeddings.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import com.heimdex.embeddings.batch.InvalidJobArgumentsException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The command line's own lines on standard error (refusals, failures that end the process),
 * written before or after logging runs: plain text, or with {@code LOG_FORMAT=json} one JSON
 * object per line shaped as the log's (Elastic Common Schema), so that a JSON run has no other
 * kind of line. Secrets are hidden from every line ({@link SecretRedaction}), stack traces included.
 */
final class FailureLines {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PrintStream err;

	private final boolean json;

	private final SecretRedaction redaction;

	private FailureLines(PrintStream err, boolean json, SecretRedaction redaction) {
		this.err = err;
		this.json = json;
		this.redaction = redaction;
	}

	static FailureLines of(PrintStream err, Map<String, String> environment, SecretRedaction redaction) {
		boolean json;
		try {
			json = LogFormat.from(environment) == LogFormat.JSON;
		}
		catch (InvalidJobArgumentsException ex) {
			json = false;
		}
		return new FailureLines(err, json, redaction);
	}

	void print(String text) {
		print(text, null);
	}

	/** The line, and the failure's stack trace when there is one. */
	void print(String text, Throwable failure) {
		String trace = null;
		if (failure != null) {
			StringWriter written = new StringWriter();
			failure.printStackTrace(new PrintWriter(written));
			trace = this.redaction.redact(written.toString());
		}
		if (!this.json) {
			this.err.println(this.redaction.redact(text));
			if (trace != null) {
				this.err.print(trace);
			}
			return;
		}
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("@timestamp", Instant.now().toString());
		line.put("log", Map.of("level", "ERROR", "logger", CommandLine.class.getName()));
		line.put("service", Map.of("name", "scene-embedding-jobs"));
		line.put("message", this.redaction.redact(text));
		if (failure != null) {
			line.put("error", Map.of("type", failure.getClass().getName(), "message",
					this.redaction.redact(String.valueOf(failure.getMessage())), "stack_trace", trace));
		}
		line.put("ecs", Map.of("version", "8.11"));
		this.err.println(JSON.writeValueAsString(line));
	}

	/** The usage text, which only the human format repeats after a refusal. */
	void usage() {
		if (!this.json) {
			this.err.println(CommandLineArguments.USAGE);
		}
	}

}
