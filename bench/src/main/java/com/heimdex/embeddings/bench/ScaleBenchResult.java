package com.heimdex.embeddings.bench;

import java.util.List;
import java.util.Locale;

/**
 * One scale measurement: {@code pending} scenes embedded by {@code clipBackfill} in a table that
 * already holds {@code embedded} embedded scenes under the HNSW index, against the model alone in
 * the same round; PostgreSQL's CPU per scene over the job's run; and how long the jar takes, from
 * process start to exit, for {@code help} (start-up without the database), {@code status} and an
 * idle {@code textBackfill} over the same table, and from process start to the first committed chunk;
 * {@code layout}: the jar as the image runs it ({@code image}: extracted, with the class-data sharing
 * archive) or the built jar as is ({@code jar}); and what writing new text vectors to {@code pending}
 * of the embedded scenes costs PostgreSQL ({@link EmbeddedSceneTextWrites}), with the pages' fill factor.
 */
record ScaleBenchResult(String model, String layout, long embedded, int pending, double modelImagesPerSecond,
		double endToEndScenesPerSecond, double postgresCpuMillisPerScene, double firstChunkSeconds,
		double clipProcessSeconds, double helpSeconds, double statusSeconds, double idleTextSeconds, int fillFactor,
		double textWriteCpuMillisPerScene, double textWriteHeapOnlyShare) {

	double ratio() {
		return this.endToEndScenesPerSecond / this.modelImagesPerSecond;
	}

	static String table(List<ScaleBenchResult> results) {
		StringBuilder table = new StringBuilder(String.format(Locale.ROOT,
				"%-6s %-5s %9s %7s %11s %11s %6s %12s %11s %8s %6s %7s %9s %4s %14s %8s%n", "model", "jar", "embedded",
				"pending", "model img/s", "e2e scenes/s", "ratio", "PG ms/scene", "1st chunk", "process", "help", "status",
				"idle text", "fill", "text write ms", "HOT"));
		for (ScaleBenchResult r : results) {
			table.append(String.format(Locale.ROOT,
					"%-6s %-5s %9d %7d %11.1f %11.1f %5.0f%% %12.2f %10.2fs %7.1fs %5.2fs %6.2fs %8.2fs %3d%% %14.2f %7.0f%%%n",
					r.model(), r.layout(), r.embedded(), r.pending(), r.modelImagesPerSecond(), r.endToEndScenesPerSecond(),
					100 * r.ratio(), r.postgresCpuMillisPerScene(), r.firstChunkSeconds(), r.clipProcessSeconds(),
					r.helpSeconds(), r.statusSeconds(), r.idleTextSeconds(), r.fillFactor(), r.textWriteCpuMillisPerScene(),
					100 * r.textWriteHeapOnlyShare()));
		}
		return table.toString();
	}

}
