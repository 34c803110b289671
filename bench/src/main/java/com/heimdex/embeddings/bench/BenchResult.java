package com.heimdex.embeddings.bench;

import java.util.List;
import java.util.Locale;

/**
 * One configuration's figures: the model alone on the job's batches, the job end to end (over
 * its step, model loading included), and the job process's peak resident set size.
 */
record BenchResult(String model, String configuration, int scenes, double modelImagesPerSecond,
		double endToEndScenesPerSecond, long peakRssBytes, double processSeconds) {

	double ratio() {
		return this.endToEndScenesPerSecond / this.modelImagesPerSecond;
	}

	static String table(List<BenchResult> results) {
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-6s %-11s %7s %18s %20s %7s %10s %9s%n",
				"model", "config", "scenes", "model alone img/s", "end to end scenes/s", "ratio", "peak RSS", "process"));
		for (BenchResult result : results) {
			table.append(String.format(Locale.ROOT, "%-6s %-11s %7d %18.1f %20.1f %6.0f%% %6.0f MiB %8.1fs%n",
					result.model(), result.configuration(), result.scenes(), result.modelImagesPerSecond(),
					result.endToEndScenesPerSecond(), 100 * result.ratio(), result.peakRssBytes() / 1048576.0,
					result.processSeconds()));
		}
		return table.toString();
	}

}
