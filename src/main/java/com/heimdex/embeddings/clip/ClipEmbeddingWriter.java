package com.heimdex.embeddings.clip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import com.heimdex.embeddings.scene.SceneClipResult;
import com.heimdex.embeddings.scene.SceneVectorWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ItemWriter;

/**
 * Embeds a chunk's prepared thumbnails with the CLIP model in batches and stores every scene's
 * vector or failure in one statement. Inference failures (timeout, model error) become the
 * scenes' recorded errors; a database failure fails the chunk, never a scene.
 */
class ClipEmbeddingWriter implements ItemWriter<PreparedScene>, StepExecutionListener {

	private static final Log logger = LogFactory.getLog(ClipEmbeddingWriter.class);

	/**
	 * Largest batch handed to the embedder at once, which runs it as parts side by side; bounds
	 * the input buffer (600 KB per image).
	 */
	static final int MAX_INFERENCE_BATCH = 64;

	private final ClipImageEmbedder embedder;

	private final SceneVectorWriter sceneVectorWriter;

	private final ClipMetadata metadata;

	private final ClipBackfillParameters parameters;

	private final int dimensions;

	private StepExecution stepExecution;

	/** Reused between chunks: one direct buffer the model reads all of a batch from. */
	private FloatBuffer inputBuffer;

	ClipEmbeddingWriter(ClipImageEmbedder embedder, SceneVectorWriter sceneVectorWriter, ClipMetadata metadata,
			ClipBackfillParameters parameters, int dimensions) {
		this.embedder = embedder;
		this.sceneVectorWriter = sceneVectorWriter;
		this.metadata = metadata;
		this.parameters = parameters;
		this.dimensions = dimensions;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		this.stepExecution = stepExecution;
		if (!this.parameters.dryRun()) {
			// The model loads while the first thumbnails are being prepared; a failure to load is
			// reported by the first chunk's inference, which tries again.
			CompletableFuture.runAsync(this::loadModel);
		}
	}

	private void loadModel() {
		try {
			this.embedder.info();
		}
		catch (RuntimeException ex) {
			logger.debug("Loading the CLIP model ahead of the first chunk failed: " + ex.getMessage());
		}
	}

	@Override
	public void write(Chunk<? extends PreparedScene> chunk) {
		ClipRunCounters counters = new ClipRunCounters(this.stepExecution.getExecutionContext());
		counters.addProcessed(chunk.size());
		if (this.parameters.dryRun()) {
			chunk.forEach((scene) -> logger.info("Dry run: would embed scene " + scene.scene().id() + " (video "
					+ scene.scene().videoId() + ", index " + scene.scene().sceneIndex() + "): "
					+ scene.scene().thumbnailUrl()));
			counters.addDryRun(chunk.size());
			return;
		}
		Instant now = Instant.now();
		long executionId = this.stepExecution.getJobExecutionId();
		List<SceneClipResult> results = new ArrayList<>(chunk.size());
		List<PreparedScene> ready = new ArrayList<>(chunk.size());
		for (PreparedScene scene : chunk) {
			if (scene.isReady()) {
				ready.add(scene);
			}
			else {
				results.add(failure(scene, scene.errorCode(), scene.errorDetail(), now, executionId));
			}
		}
		for (int from = 0; from < ready.size(); from += MAX_INFERENCE_BATCH) {
			embed(ready.subList(from, Math.min(ready.size(), from + MAX_INFERENCE_BATCH)), now, executionId, results);
		}
		this.sceneVectorWriter.writeClip(results);
		counters.addUpdated(results.stream().filter((result) -> result.embedding() != null).count());
		chunk.forEach((scene) -> {
			if (!scene.isReady()) {
				counters.addError(scene.errorCode());
			}
		});
	}

	private void embed(List<PreparedScene> batch, Instant now, long executionId, List<SceneClipResult> results) {
		FloatBuffer input = inputFor(batch);
		long start = System.nanoTime();
		try {
			float[][] vectors = this.embedder.embedBatch(input, batch.size(), this.parameters.clipTimeoutSeconds());
			double perImageMs = (System.nanoTime() - start) / 1e6 / batch.size();
			for (int i = 0; i < batch.size(); i++) {
				PreparedScene scene = batch.get(i);
				results.add(new SceneClipResult(scene.scene().id(), vectors[i],
						this.metadata.success(scene, this.dimensions, perImageMs, now, executionId)));
			}
		}
		catch (ClipInferenceException ex) {
			logger.warn("CLIP inference failed for " + batch.size() + " scenes: " + ex.getMessage());
			ClipRunCounters counters = new ClipRunCounters(this.stepExecution.getExecutionContext());
			for (PreparedScene scene : batch) {
				results.add(failure(scene, ex.errorCode(), ex.getMessage(), now, executionId));
				counters.addError(ex.errorCode());
			}
		}
	}

	private FloatBuffer inputFor(List<PreparedScene> batch) {
		int floats = batch.size() * ClipImagePreprocessor.TENSOR_LENGTH;
		if (this.inputBuffer == null || this.inputBuffer.capacity() < floats) {
			this.inputBuffer = ByteBuffer.allocateDirect(Math.max(floats,
					Math.min(this.parameters.batchSize(), MAX_INFERENCE_BATCH) * ClipImagePreprocessor.TENSOR_LENGTH)
					* Float.BYTES)
				.order(ByteOrder.nativeOrder())
				.asFloatBuffer();
		}
		this.inputBuffer.clear();
		batch.forEach((scene) -> ClipImagePreprocessor.normalise(scene.pixels(), this.inputBuffer));
		this.inputBuffer.flip();
		return this.inputBuffer;
	}

	private SceneClipResult failure(PreparedScene scene, String code, String detail, Instant now, long executionId) {
		return new SceneClipResult(scene.scene().id(), null,
				this.metadata.failure(scene, this.dimensions, code, detail, now, executionId));
	}

}
