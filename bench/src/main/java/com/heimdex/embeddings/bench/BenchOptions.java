package com.heimdex.embeddings.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The bench's options; see {@link ClipBench}. */
record BenchOptions(int scenes, int baselineScenes, List<String> models, int chunk,
		Path modelsDirectory, Path jar, int thumbnails, Map<String, String> jobEnvironment, int rounds) {

	static BenchOptions parse(String... args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("options are --name=value, got " + arg);
			}
			values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		BenchOptions options = new BenchOptions(Integer.parseInt(values.getOrDefault("scenes", "2000")),
				Integer.parseInt(values.getOrDefault("baseline-scenes", "300")),
				List.of(values.getOrDefault("models", "fp32,int8").split(",")),
				Integer.parseInt(values.getOrDefault("chunk", "50")),
				Path.of(values.getOrDefault("models-dir",
						Path.of(System.getProperty("java.io.tmpdir"), "scene-embedding-jobs-bench").toString())),
				Path.of(values.getOrDefault("jar", "target/scene-embedding-jobs.jar")),
				Integer.parseInt(values.getOrDefault("thumbnails", "64")), environment(values.get("job-env")),
				Integer.parseInt(values.getOrDefault("rounds", "1")));
		values.keySet().removeAll(List.of("scenes", "baseline-scenes", "models", "chunk",
				"models-dir", "jar", "thumbnails", "job-env", "rounds"));
		if (options.rounds() < 1) {
			throw new IllegalArgumentException("--rounds must be at least 1, was " + options.rounds());
		}
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown options: " + values.keySet());
		}
		return options;
	}

	/** {@code NAME=value,NAME=value}: settings added to the job's environment. */
	private static Map<String, String> environment(String list) {
		Map<String, String> environment = new HashMap<>();
		if (list != null && !list.isBlank()) {
			for (String pair : list.split(",(?=[A-Z_][A-Z0-9_]*=)")) {
				environment.put(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
			}
		}
		return environment;
	}

}
