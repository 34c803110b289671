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
 * kind of line.
 */
final class FailureLines {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final PrintStream err;

	private final boolean json;

	private FailureLines(PrintStream err, boolean json) {
		this.err = err;
		this.json = json;
	}

	static FailureLines of(PrintStream err, Map<String, String> environment) {
		boolean json;
		try {
			json = LogFormat.from(environment) == LogFormat.JSON;
		}
		catch (InvalidJobArgumentsException ex) {
			json = false;
		}
		return new FailureLines(err, json);
	}

	void print(String text) {
		print(text, null);
	}

	/** The line, and the failure's stack trace when there is one. */
	void print(String text, Throwable failure) {
		if (!this.json) {
			this.err.println(text);
			if (failure != null) {
				failure.printStackTrace(this.err);
			}
			return;
		}
		Map<String, Object> line = new LinkedHashMap<>();
		line.put("@timestamp", Instant.now().toString());
		line.put("log", Map.of("level", "ERROR", "logger", CommandLine.class.getName()));
		line.put("service", Map.of("name", "scene-embedding-jobs"));
		line.put("message", text);
		if (failure != null) {
			StringWriter trace = new StringWriter();
			failure.printStackTrace(new PrintWriter(trace));
			line.put("error", Map.of("type", failure.getClass().getName(), "message", String.valueOf(failure.getMessage()),
					"stack_trace", trace.toString()));
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
