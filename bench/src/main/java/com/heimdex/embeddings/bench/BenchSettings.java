package com.heimdex.embeddings.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.heimdex.embeddings.clip.ClipProperties;
import com.heimdex.embeddings.clip.ClipBatchEmbedder;

/**
 * A job configuration the bench compares: the job parameters it runs {@code clipBackfill} with,
 * and the batches the model then gets, which the model-alone timing replays.
 *
 * @param name how the report calls it
 * @param inferenceBatch largest batch the job hands the model at once ({@link ClipBatchEmbedder#MAX_BATCH})
 * @param jobArguments {@code name=value} job parameters
 */
record BenchSettings(String name, int inferenceBatch, List<String> jobArguments) {

	/** As the seeds' tool runs: one scene at a time, one image per inference, a commit per scene. */
	static BenchSettings seedsLike() {
		return new BenchSettings("seeds-like", 1, List.of("batchSize=1", "processingDelay=0.001"));
	}

	/** The job's defaults. */
	static BenchSettings optimised(int chunk) {
		return new BenchSettings("optimised", ClipBatchEmbedder.MAX_BATCH, List.of("batchSize=" + chunk));
	}

	/**
	 * The model's batches for {@code scenes} scenes: the job embeds the scenes as one stream in
	 * batches of up to {@link #inferenceBatch}, whatever the chunks.
	 */
	List<Integer> batches(int scenes) {
		List<Integer> batches = new ArrayList<>();
		for (int from = 0; from < scenes; from += this.inferenceBatch) {
			batches.add(Math.min(this.inferenceBatch, scenes - from));
		}
		return batches;
	}

	/** CLIP settings as the jar gets them from the environment: the defaults with the model file. */
	static ClipProperties clipProperties(Path model) {
		return new ClipProperties(true, "ViT-B-32", "openai", "cpu", Path.of(System.getProperty("java.io.tmpdir")),
				true, 5.0, 224, null, false, model, ClipProperties.DEFAULT_MODEL_URL,
				ClipProperties.DEFAULT_MODEL_SHA256, 512);
	}

}
