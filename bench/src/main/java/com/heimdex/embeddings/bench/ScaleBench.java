package com.heimdex.embeddings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.support.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The scale bench: {@code clipBackfill} embedding a few thousand new scenes into a table that
 * already holds N embedded scenes under the HNSW index, as the production CronJob does. For each
 * N, a database {@code <prefix>N} is filled once ({@link ScaleScenes}) and kept for later runs; each
 * round replaces the pending scenes, times the model alone on the job's batches (half before, half
 * after the job), runs the built jar end to end, reads PostgreSQL's CPU and the first commit
 * ({@link RunObserver}), then times {@code help}, {@code status} and an idle {@code textBackfill}, and
 * measures the text job's write to as many embedded scenes ({@link EmbeddedSceneTextWrites}).
 * <p>
 * Options ({@code --name=value}): {@code embedded} (100000; a comma-separated list measures each),
 * {@code pending} (2000), {@code model} (int8; fp32, int8-signed, small), {@code chunk} (50),
 * {@code models-dir}, {@code jar}, {@code thumbnails} (64), {@code database-prefix} (sej_scale_),
 * {@code keep} (true: keep the filled databases), {@code rounds} (1), {@code layout} (image: the jar
 * extracted with the class-data sharing archive, as the container image runs it; jar: the built jar),
 * {@code fill-factor} (unset: the table's own; F: the table's pages filled to F%, database
 * {@code <prefix>N_ffF}).
 */
public final class ScaleBench {

	private final ScaleBenchOptions options;

	private JobProcess jobs;

	ScaleBench(ScaleBenchOptions options) {
		this.options = options;
	}

	public static void main(String[] args) throws Exception {
		List<ScaleBenchResult> results = new ScaleBench(ScaleBenchOptions.parse(args)).run();
		System.out.println();
		System.out.print(ScaleBenchResult.table(results));
	}

	List<ScaleBenchResult> run() throws IOException, InterruptedException {
		Path model = ClipBench.model(this.options.modelsDirectory(), this.options.model());
		Path logs = Files.createDirectories(this.options.modelsDirectory().resolve("logs"));
		if (this.options.layout().equals("image")) {
			ImageLayout image = ImageLayout.prepare(this.options.jar(),
					Files.createDirectories(this.options.modelsDirectory().resolve("image")));
			this.jobs = new JobProcess(image.jar(), logs, image.jvmOptions());
		}
		else {
			this.jobs = new JobProcess(this.options.jar(), logs);
		}
		List<ScaleBenchResult> results = new ArrayList<>();
		try (BenchThumbnails thumbnails = BenchThumbnails.start(this.options.thumbnails())) {
			thumbnails.warmUp(Math.min(3000, 10 * this.options.pending()));
			for (long embedded : this.options.embedded()) {
				TestDatabase database = TestDatabase.named(this.options.database(embedded));
				try {
					Map<String, String> environment = environment(database, model, embedded);
					check(this.jobs.run(environment, "migrate"), "migrate");
					JdbcTemplate jdbc = database.jdbcTemplate();
					if (this.options.fillFactor() != null) {
						jdbc.execute("ALTER TABLE video_scenes SET (fillfactor = " + this.options.fillFactor() + ")");
					}
					System.out.printf("%d embedded scenes in %s: filling...%n", embedded, database.name());
					ScaleScenes.Fill fill = ScaleScenes.fill(jdbc, embedded);
					System.out.printf("%d embedded scenes %s in %.1f s (HNSW index build %.1f s), pages at fill factor %d%n",
							embedded, fill.reused() ? "reused, filled earlier" : "filled", fill.seconds(), fill.indexSeconds(),
							fill.fillFactor());
					for (int round = 0; round < this.options.rounds(); round++) {
						ScaleBenchResult result = measure(database, jdbc, environment, model, embedded, fill.fillFactor(),
								thumbnails);
						System.out.print(ScaleBenchResult.table(List.of(result)));
						results.add(result);
					}
				}
				finally {
					if (!this.options.keep()) {
						database.close();
					}
				}
			}
		}
		return results;
	}

	private ScaleBenchResult measure(TestDatabase database, JdbcTemplate jdbc, Map<String, String> environment,
			Path model, long embedded, int fillFactor, BenchThumbnails thumbnails) throws IOException, InterruptedException {
		int pending = this.options.pending();
		ScaleScenes.replacePending(jdbc, thumbnails, pending);
		List<Integer> batches = BenchSettings.optimised(this.options.chunk()).batches(pending);
		System.out.printf("%d embedded: model alone on %d images (first half)...%n", embedded, pending);
		ModelAloneTiming.Timed modelAlone = ModelAloneTiming.run(model, thumbnails.jpegs(),
				batches.subList(0, batches.size() / 2));
		System.out.printf("%d embedded: clipBackfill end to end on %d scenes...%n", embedded, pending);
		SingleConnectionDataSource connection = new SingleConnectionDataSource(database.jdbcUrl(), database.user(),
				database.password(), true);
		JobProcess.Outcome clip;
		double postgresSeconds;
		double firstChunkSeconds;
		try (RunObserver observer = RunObserver.start(new JdbcTemplate(connection), database.name())) {
			long launched = System.currentTimeMillis();
			clip = check(this.jobs.run(environment, "start", "clipBackfill", "batchSize=" + this.options.chunk()),
					"clipBackfill");
			postgresSeconds = observer.seconds();
			firstChunkSeconds = (observer.firstCommitMillis() - launched) / 1e3;
		}
		finally {
			connection.destroy();
		}
		System.out.printf("%d embedded: model alone (second half)...%n", embedded);
		modelAlone = modelAlone.plus(ModelAloneTiming.run(model, thumbnails.jpegs(),
				batches.subList(batches.size() / 2, batches.size())));
		long done = ScaleScenes.pendingEmbedded(jdbc);
		if (done != pending) {
			throw new IllegalStateException(done + " of " + pending + " scenes embedded; log: " + clip.log());
		}
		double help = check(this.jobs.run(environment, "help"), "help").wallSeconds();
		double status = check(this.jobs.run(environment, "status"), "status").wallSeconds();
		double idleText = check(this.jobs.run(environment, "start", "textBackfill"), "textBackfill").wallSeconds();
		System.out.printf("%d embedded: text vectors written to %d embedded scenes...%n", embedded, pending);
		EmbeddedSceneTextWrites.Measured textWrites = EmbeddedSceneTextWrites.measure(database, pending,
				this.options.chunk());
		return new ScaleBenchResult(this.options.model(), this.options.layout(), embedded, pending, modelAlone.imagesPerSecond(),
				pending / BenchScenes.stepSeconds(jdbc, "clipBackfillStep"), 1000 * postgresSeconds / pending, firstChunkSeconds,
				clip.wallSeconds(), help, status, idleText, fillFactor, textWrites.cpuMillisPerScene(),
				textWrites.heapOnlyShare());
	}

	private static Map<String, String> environment(TestDatabase database, Path model, long embedded) {
		Map<String, String> environment = new HashMap<>();
		// an interrupted fill leaves rows without the HNSW index, which the next migrate builds first
		environment.put("DATABASE_INDEX_BUILD_MEMORY", ScaleScenes.indexBuildMegabytes(embedded) + "MB");
		environment.put("DATABASE_URL", database.libpqUrl());
		environment.put("CLIP_MODEL_PATH", model.toString());
		environment.put("THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true");
		// the idle text run reaches no server: nothing is pending
		environment.put("OPENAI_BASE_URL", "http://127.0.0.1:9/v1");
		return environment;
	}

	private static JobProcess.Outcome check(JobProcess.Outcome outcome, String command) {
		if (outcome.exitCode() != 0) {
			throw new IllegalStateException(command + " exited with " + outcome.exitCode() + "; log: " + outcome.log());
		}
		return outcome;
	}

}
