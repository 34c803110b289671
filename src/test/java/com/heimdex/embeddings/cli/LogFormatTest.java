package com.heimdex.embeddings.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogFormatTest {

	@Test
	void jsonSelectsSpringBootsEcsStructuredLogging() {
		assertThat(LogFormat.from(Map.of("LOG_FORMAT", "JSON")).properties())
			.containsEntry("logging.structured.format.console", "ecs");
		assertThat(LogFormat.from(Map.of()).properties()).isEmpty();
		assertThat(LogFormat.from(Map.of("LOG_FORMAT", "human")).properties()).isEmpty();
	}

	@Test
	void anUnknownFormatIsRefusedWithExitTwoBeforeAnythingStarts() {
		ByteArrayOutputStream err = new ByteArrayOutputStream();

		int exitCode = CommandLine.run(new String[] { "status" }, new PrintStream(new ByteArrayOutputStream()),
				new PrintStream(err, true, StandardCharsets.UTF_8), Map.of("LOG_FORMAT", "yaml"));

		assertThat(exitCode).isEqualTo(2);
		assertThat(err.toString(StandardCharsets.UTF_8)).contains("LOG_FORMAT must be 'human' (the default) or 'json', was 'yaml'");
	}

}
