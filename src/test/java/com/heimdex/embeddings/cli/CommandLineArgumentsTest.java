package com.heimdex.embeddings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommandLineArgumentsTest {

	@Test
	void onlyStartAndRestartRunAJob() {
		assertThat(arguments("start", "textBackfill").runsJob()).isTrue();
		assertThat(arguments("restart", "7").runsJob()).isTrue();
		assertThat(arguments("stop", "7").runsJob()).isFalse();
		assertThat(arguments("abandon", "7").runsJob()).isFalse();
		assertThat(arguments("status").runsJob()).isFalse();
		assertThat(arguments("migrate").runsJob()).isFalse();
		assertThat(arguments("help").runsJob()).isFalse();
	}

	private static CommandLineArguments arguments(String... words) {
		return CommandLineArguments.parse(words);
	}

}
