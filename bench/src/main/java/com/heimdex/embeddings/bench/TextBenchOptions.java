package com.heimdex.embeddings.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The text bench's options; see {@link TextBench}.
 *
 * @param scenes scenes per scenario
 * @param minutes how long each scenario should run once its first minute's burst is spent: the
 * binding budget is the run's total divided by {@code 1 + minutes}
 * @param scenarios which of {@link TextBenchScenario#NAMES} to run, in order
 * @param jar the built jar
 * @param logDirectory where each run of the jar logs
 */
record TextBenchOptions(int scenes, double minutes, List<String> scenarios, Path jar, Path logDirectory) {

	TextBenchOptions {
		if (scenes <= 0 || minutes <= 0) {
			throw new IllegalArgumentException("scenes and minutes must be positive");
		}
		for (String scenario : scenarios) {
			if (!TextBenchScenario.NAMES.contains(scenario)) {
				throw new IllegalArgumentException("unknown scenario " + scenario + ", known: " + TextBenchScenario.NAMES);
			}
		}
	}

	static TextBenchOptions parse(String... args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("options are --name=value, got " + arg);
			}
			values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		TextBenchOptions options = new TextBenchOptions(Integer.parseInt(values.getOrDefault("scenes", "3000")),
				Double.parseDouble(values.getOrDefault("minutes", "1.5")),
				List.of(values.getOrDefault("scenarios", String.join(",", TextBenchScenario.NAMES)).split(",")),
				Path.of(values.getOrDefault("jar", "target/scene-embedding-jobs.jar")),
				Path.of(values.getOrDefault("logs",
						Path.of(System.getProperty("java.io.tmpdir"), "scene-embedding-jobs-text-bench").toString())));
		values.keySet().removeAll(List.of("scenes", "minutes", "scenarios", "jar", "logs"));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown options: " + values.keySet());
		}
		return options;
	}

}
