package com.heimdex.embeddings.bench;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The scale bench's options; see {@link ScaleBench}. */
record ScaleBenchOptions(List<Long> embedded, int pending, String model, int chunk, Path modelsDirectory, Path jar,
		int thumbnails, String databasePrefix, boolean keep, int rounds, String layout, Integer fillFactor) {

	static ScaleBenchOptions parse(String... args) {
		Map<String, String> values = new HashMap<>();
		for (String arg : args) {
			if (!arg.startsWith("--") || !arg.contains("=")) {
				throw new IllegalArgumentException("options are --name=value, got " + arg);
			}
			values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
		}
		ScaleBenchOptions options = new ScaleBenchOptions(
				List.of(values.getOrDefault("embedded", "100000").split(",")).stream().map(Long::parseLong).toList(),
				Integer.parseInt(values.getOrDefault("pending", "2000")), values.getOrDefault("model", "int8"),
				Integer.parseInt(values.getOrDefault("chunk", "50")),
				Path.of(values.getOrDefault("models-dir",
						Path.of(System.getProperty("java.io.tmpdir"), "scene-embedding-jobs-bench").toString())),
				Path.of(values.getOrDefault("jar", "target/scene-embedding-jobs.jar")),
				Integer.parseInt(values.getOrDefault("thumbnails", "64")),
				values.getOrDefault("database-prefix", "sej_scale_"),
				Boolean.parseBoolean(values.getOrDefault("keep", "true")),
				Integer.parseInt(values.getOrDefault("rounds", "1")), values.getOrDefault("layout", "image"),
				values.containsKey("fill-factor") ? Integer.valueOf(values.get("fill-factor")) : null);
		values.keySet().removeAll(List.of("embedded", "pending", "model", "chunk", "models-dir", "jar", "thumbnails",
				"database-prefix", "keep", "rounds", "layout", "fill-factor"));
		if (!values.isEmpty()) {
			throw new IllegalArgumentException("unknown options: " + values.keySet());
		}
		if (options.rounds() < 1 || options.pending() < 1 || options.embedded().stream().anyMatch((n) -> n < 0)) {
			throw new IllegalArgumentException("--rounds and --pending must be at least 1, --embedded at least 0");
		}
		if (options.fillFactor() != null && (options.fillFactor() < 10 || options.fillFactor() > 100)) {
			throw new IllegalArgumentException("--fill-factor is a percentage from 10 to 100, was " + options.fillFactor());
		}
		if (!List.of("image", "jar").contains(options.layout())) {
			throw new IllegalArgumentException("--layout is image or jar, was " + options.layout());
		}
		return options;
	}

	/**
	 * The database that keeps a fill of {@code embedded} scenes between runs; a fill with a fill factor
	 * of its own is kept apart.
	 */
	String database(long embedded) {
		return this.databasePrefix + embedded + ((this.fillFactor != null) ? "_ff" + this.fillFactor : "");
	}

}
