package com.heimdex.embeddings.bench;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

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

	/**
	 * For each model and configuration measured more than once: the median ratio and the ratios it
	 * is the median of.
	 */
	static String medians(List<BenchResult> results) {
		Map<String, List<BenchResult>> measured = results.stream()
			.collect(Collectors.groupingBy((result) -> result.model() + " " + result.configuration(), LinkedHashMap::new,
					Collectors.toList()));
		StringBuilder medians = new StringBuilder();
		measured.forEach((name, rounds) -> {
			if (rounds.size() > 1) {
				List<Double> ratios = rounds.stream().map(BenchResult::ratio).sorted().toList();
				medians.append(String.format(Locale.ROOT, "%s: median ratio %.0f%% of %d rounds (%s)%n", name,
						100 * ratios.get(ratios.size() / 2), ratios.size(), rounds.stream()
							.map((round) -> String.format(Locale.ROOT, "%.0f%%", 100 * round.ratio()))
							.collect(Collectors.joining(", "))));
			}
		});
		return medians.toString();
	}

}
