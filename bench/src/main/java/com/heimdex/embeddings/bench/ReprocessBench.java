package com.heimdex.embeddings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.heimdex.embeddings.support.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The reprocess bench: on the same scenes in the same run, {@code clipBackfill} embeds them all,
 * {@code reprocess scope=all} brings them to the spec, then their CLIP vectors are recorded as made
 * by another model (what a CLIP model change makes of them) and {@code reprocess scope=all}
 * re-embeds them. Reports both steps' scenes/s and their ratio (target: reprocess at >= 90% of
 * clipBackfill). The built jar runs each job as the container does. Text embeddings are switched
 * off ({@code EMBEDDING_ENABLED=false}): the scenes have no text, and this bench compares CLIP work.
 * <p>
 * Options as {@link ClipBench}'s: {@code scenes} (2000), {@code models} (fp32,int8; or small),
 * {@code chunk} (50, both jobs' {@code batchSize}), {@code models-dir}, {@code jar},
 * {@code thumbnails} (64), {@code job-env}, {@code rounds} (1).
 */
public final class ReprocessBench {

	private final BenchOptions options;

	private final JobProcess jobs;

	ReprocessBench(BenchOptions options) throws IOException {
		this.options = options;
		this.jobs = new JobProcess(options.jar(), Files.createDirectories(options.modelsDirectory().resolve("logs")));
	}

	public static void main(String[] args) throws Exception {
		List<Result> results = new ReprocessBench(BenchOptions.parse(args)).run();
		System.out.println();
		System.out.print(Result.table(results));
	}

	/**
	 * One round of one model.
	 *
	 * @param model the model's name
	 * @param scenes scenes embedded by each job
	 * @param clipBackfillScenesPerSecond clipBackfill's step: scenes over its duration
	 * @param reprocessScenesPerSecond reprocess's sceneClip step after the model change
	 * @param reprocessPeakRssBytes the reprocess process's peak RSS
	 */
	record Result(String model, int scenes, double clipBackfillScenesPerSecond, double reprocessScenesPerSecond,
			long reprocessPeakRssBytes) {

		double ratio() {
			return this.reprocessScenesPerSecond / this.clipBackfillScenesPerSecond;
		}

		static String table(List<Result> results) {
			StringBuilder table = new StringBuilder(String.format(Locale.ROOT, "%-8s %7s %22s %22s %7s %14s%n", "model",
					"scenes", "clipBackfill scenes/s", "reprocess scenes/s", "ratio", "peak RSS"));
			for (Result result : results) {
				table.append(String.format(Locale.ROOT, "%-8s %7d %22.1f %22.1f %6.0f%% %10d MiB%n", result.model(),
						result.scenes(), result.clipBackfillScenesPerSecond(), result.reprocessScenesPerSecond(),
						100 * result.ratio(), result.reprocessPeakRssBytes() >> 20));
			}
			return table.toString();
		}

	}

	List<Result> run() throws IOException, InterruptedException {
		List<Result> results = new ArrayList<>();
		try (BenchThumbnails thumbnails = BenchThumbnails.start(this.options.thumbnails())) {
			System.out.printf("Reprocess bench: %d cores, %d scenes per measurement%n",
					Runtime.getRuntime().availableProcessors(), this.options.scenes());
			thumbnails.warmUp(Math.min(3000, 10 * this.options.scenes()));
			for (String model : this.options.models()) {
				Path file = ClipBench.model(this.options.modelsDirectory(), model);
				for (int round = 0; round < this.options.rounds(); round++) {
					results.add(measure(model, file, thumbnails));
				}
			}
		}
		return results;
	}

	private Result measure(String model, Path file, BenchThumbnails thumbnails) throws IOException, InterruptedException {
		int scenes = this.options.scenes();
		String batchSize = "batchSize=" + this.options.chunk();
		try (TestDatabase database = TestDatabase.create(ReprocessBench.class)) {
			Map<String, String> environment = new HashMap<>();
			environment.put("DATABASE_URL", database.libpqUrl());
			environment.put("CLIP_MODEL_PATH", file.toString());
			environment.put("THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true");
			environment.put("EMBEDDING_ENABLED", "false");
			environment.putAll(this.options.jobEnvironment());
			ClipBench.check(this.jobs.run(environment, "status"), "status");
			JdbcTemplate jdbc = database.jdbcTemplate();
			BenchScenes.insert(jdbc, thumbnails, scenes);
			System.out.printf("%s: clipBackfill end to end on %d scenes...%n", model, scenes);
			ClipBench.check(this.jobs.run(environment, "start", "clipBackfill", batchSize), "clipBackfill");
			double clipBackfill = scenes / BenchScenes.stepSeconds(jdbc, "clipBackfillStep");
			ClipBench.check(this.jobs.run(environment, "start", "reprocess", "scope=all", batchSize), "reprocess");
			jdbc.update("UPDATE video_scenes SET visual_clip_metadata = visual_clip_metadata"
					+ " || '{\"method_fingerprint\": \"previous-model\"}'");
			System.out.printf("%s: reprocess after a CLIP model change on %d scenes...%n", model, scenes);
			JobProcess.Outcome reprocess = ClipBench.check(
					this.jobs.run(environment, "start", "reprocess", "scope=all", batchSize), "reprocess");
			Long redone = jdbc.queryForObject("SELECT count(*) FROM video_scenes WHERE visual_clip_metadata"
					+ " ->> 'method_fingerprint' <> 'previous-model' AND (visual_clip_metadata ->> 'error') IS NULL",
					Long.class);
			if (redone == null || redone != scenes) {
				throw new IllegalStateException(redone + " of " + scenes + " scenes re-embedded; log: " + reprocess.log());
			}
			Result result = new Result(model, scenes, clipBackfill, scenes / BenchScenes.stepSeconds(jdbc, "sceneClip"),
					reprocess.peakRssBytes());
			System.out.print(Result.table(List.of(result)));
			return result;
		}
	}

}
