package com.heimdex.embeddings.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.heimdex.embeddings.testmodel.GeneratedClipModel;
import com.heimdex.embeddings.testmodel.VitB32ImageTower;
import com.heimdex.embeddings.support.TestDatabase;

import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The CLIP backfill bench: for each model (a generated ViT-B/32 image tower in fp32 and int8, or
 * the small test model) and each configuration (seeds-like, optimised), a fresh database of
 * scenes whose 640x360 JPEG thumbnails a local server serves, the model alone timed on the
 * batches the job forms, then {@code clipBackfill} run end to end by the built jar. Needs
 * {@code TEST_DATABASE_URL} (a PostgreSQL + pgvector server where databases may be created).
 * <p>
 * Options ({@code --name=value}): {@code scenes} (2000), {@code baseline-scenes} (300),
 * {@code models} (fp32,int8; or small), {@code chunk} (50),
 * {@code models-dir}, {@code jar} (target/scene-embedding-jobs.jar), {@code thumbnails} (64),
 * {@code job-env} ({@code NAME=value,...} added to the job's environment, e.g. CLIP_DEBUG_LOG=true),
 * {@code rounds} (1: how many times the optimised configuration is measured per model, each round
 * its own model-alone timing and job run; the median ratio is printed, as a virtual machine's speed
 * moves by a tenth or more within a minute).
 */
public final class ClipBench {

	/** Requests the thumbnail server answers before the first measurement (fewer for a small run). */
	private static final int WARM_UP_REQUESTS = 3000;

	private final BenchOptions options;

	private final JobProcess jobs;

	ClipBench(BenchOptions options) throws IOException {
		this.options = options;
		this.jobs = new JobProcess(options.jar(), Files.createDirectories(options.modelsDirectory().resolve("logs")));
	}

	public static void main(String[] args) throws Exception {
		BenchOptions options = BenchOptions.parse(args);
		List<BenchResult> results = new ClipBench(options).run();
		System.out.println();
		System.out.println(BenchResult.table(results));
		System.out.print(BenchResult.medians(results));
	}

	List<BenchResult> run() throws IOException, InterruptedException {
		List<BenchResult> results = new ArrayList<>();
		try (BenchThumbnails thumbnails = BenchThumbnails.start(this.options.thumbnails())) {
			System.out.printf("CLIP backfill bench: %d cores, %d distinct %dx%d JPEG thumbnails of %.0f KB on average%n",
					Runtime.getRuntime().availableProcessors(), this.options.thumbnails(), BenchThumbnails.WIDTH,
					BenchThumbnails.HEIGHT, thumbnails.averageKilobytes());
			thumbnails.warmUp(Math.min(WARM_UP_REQUESTS, 10 * this.options.scenes()));
			for (String model : this.options.models()) {
				Path file = model(this.options.modelsDirectory(), model);
				results.add(measure(model, file, BenchSettings.seedsLike(), this.options.baselineScenes(), thumbnails));
				for (int round = 0; round < this.options.rounds(); round++) {
					results.add(measure(model, file, BenchSettings.optimised(this.options.chunk()), this.options.scenes(),
							thumbnails));
				}
			}
		}
		return results;
	}

	private BenchResult measure(String model, Path file, BenchSettings settings, int scenes, BenchThumbnails thumbnails)
			throws IOException, InterruptedException {
		try (TestDatabase database = TestDatabase.create(ClipBench.class)) {
			Map<String, String> environment = new HashMap<>();
			environment.put("DATABASE_URL", database.libpqUrl());
			environment.put("CLIP_MODEL_PATH", file.toString());
			environment.put("THUMBNAILS_ALLOW_PRIVATE_ADDRESSES", "true");
			environment.putAll(this.options.jobEnvironment());
			check(this.jobs.run(environment, "status"), "status");
			JdbcTemplate jdbc = database.jdbcTemplate();
			BenchScenes.insert(jdbc, thumbnails, scenes);
			// Half of the model-alone batches run before the job and half after, so that a change in
			// the machine's load during the run weighs on both figures alike.
			List<Integer> batches = settings.batches(scenes);
			System.out.printf("%s %s: model alone on %d images (first half)...%n", model, settings.name(), scenes);
			ModelAloneTiming.Timed modelAlone = ModelAloneTiming.run(file, thumbnails.jpegs(),
					batches.subList(0, batches.size() / 2));
			System.out.printf("%s %s: clipBackfill end to end on %d scenes...%n", model, settings.name(), scenes);
			List<String> arguments = new ArrayList<>(List.of("start", "clipBackfill"));
			arguments.addAll(settings.jobArguments());
			JobProcess.Outcome outcome = check(this.jobs.run(environment, arguments.toArray(String[]::new)), "clipBackfill");
			System.out.printf("%s %s: model alone (second half)...%n", model, settings.name());
			modelAlone = modelAlone.plus(ModelAloneTiming.run(file, thumbnails.jpegs(),
					batches.subList(batches.size() / 2, batches.size())));
			long embedded = BenchScenes.embedded(jdbc);
			if (embedded != scenes) {
				throw new IllegalStateException(embedded + " of " + scenes + " scenes embedded; log: " + outcome.log());
			}
			BenchResult result = new BenchResult(model, settings.name(), scenes, modelAlone.imagesPerSecond(),
					scenes / BenchScenes.stepSeconds(jdbc, "clipBackfillStep"), outcome.peakRssBytes(), outcome.wallSeconds());
			System.out.print(BenchResult.table(List.of(result)));
			return result;
		}
	}

	static JobProcess.Outcome check(JobProcess.Outcome outcome, String command) {
		if (outcome.exitCode() != 0) {
			throw new IllegalStateException(command + " exited with " + outcome.exitCode() + "; log: " + outcome.log());
		}
		return outcome;
	}

	/** The model file, generated into the models directory unless it is already there. */
	static Path model(Path modelsDirectory, String name) throws IOException {
		Path file = modelsDirectory.resolve("clip-" + name + "-seed42-graph"
				+ VitB32ImageTower.GRAPH_VERSION + ".onnx");
		if (!Files.exists(file)) {
			Path partial = Files.createTempFile(Files.createDirectories(modelsDirectory), "clip-" + name, ".partial");
			long start = System.nanoTime();
			if (name.equals("small")) {
				GeneratedClipModel.writeSmall(partial, 512, 42);
			}
			else {
				VitB32ImageTower.write(partial, VitB32ImageTower.Precision.named(name), 42);
			}
			Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
			System.out.printf("Generated the %s model (%d MB) in %.1f s: %s%n", name, Files.size(file) >> 20,
					(System.nanoTime() - start) / 1e9, file);
		}
		return file;
	}

}
