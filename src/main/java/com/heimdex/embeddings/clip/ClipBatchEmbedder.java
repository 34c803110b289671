package com.heimdex.embeddings.clip;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.ArrayList;
import java.util.List;

import com.heimdex.embeddings.pipeline.BatchEmbedding;
import com.heimdex.embeddings.pipeline.ImageEmbeddingPipeline;
import com.heimdex.embeddings.pipeline.ImageFailure;
import com.heimdex.embeddings.pipeline.PreparedImage;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Embeds the prepared images of a batch in one CLIP inference: their 8-bit planes are normalised into
 * a reused direct buffer that ONNX Runtime reads without a copy. Two batches may be under way at
 * once, each with its own buffer, so that the next one is queued before the inference threads
 * finish the one before. An inference failure (timeout, model error) becomes every image's
 * typed failure; any other failure (the model cannot be loaded) is thrown. Used by one thread at
 * a time, which finishes its batches in the order it started them.
 *
 * @param <T> what is embedded
 */
public final class ClipBatchEmbedder<T> implements BatchEmbedding<T> {

	private static final Log logger = LogFactory.getLog(ClipBatchEmbedder.class);

	/**
	 * Largest batch handed to the embedder at once, which runs it as parts side by side; bounds
	 * the input buffers (600 KB per image).
	 */
	public static final int MAX_BATCH = 32;

	private final ClipImageEmbedder embedder;

	private final double timeoutSecondsPerImage;

	private final LevelsBuffers levelsBuffers;

	private final FloatBuffer[] buffers = new FloatBuffer[2];

	private int nextBuffer;

	/** When the last finished batch was done: a queued batch's inference starts no earlier. */
	private long lastDoneNanos;

	/** @param levelsBuffers where the scenes' 8-bit planes go once normalised into the input */
	ClipBatchEmbedder(ClipImageEmbedder embedder, double timeoutSecondsPerImage, LevelsBuffers levelsBuffers) {
		this.embedder = embedder;
		this.timeoutSecondsPerImage = timeoutSecondsPerImage;
		this.levelsBuffers = levelsBuffers;
	}

	@Override
	public int maxBatch() {
		return MAX_BATCH;
	}

	/** Loads the model now; a failure is left for the first batch to report, as it tries again. */
	@Override
	public void warmUp() {
		try {
			this.embedder.info();
		}
		catch (RuntimeException ex) {
			logger.debug("Loading the CLIP model ahead of the first batch failed: " + ex.getMessage());
		}
	}

	/**
	 * Starts the inference of the scenes that have pixels; the result holds all scenes in the same
	 * order, those with pixels embedded or failed with the inference's error, the others (thumbnail
	 * failures) as they were. A scene's {@code inference_time_ms} is its batch's time per image,
	 * counted from when the batch before it was done if it had to wait for it.
	 */
	@Override
	public Started<T> start(List<PreparedImage<T>> scenes) {
		List<PreparedImage<T>> ready = scenes.stream().filter(PreparedImage::isReady).toList();
		if (ready.isEmpty()) {
			return () -> scenes;
		}
		long startNanos = System.nanoTime();
		ClipImageEmbedder.RunningBatch running;
		try {
			running = this.embedder.startBatch(inputFor(ready), ready.size(), this.timeoutSecondsPerImage);
		}
		catch (ClipInferenceException ex) {
			return () -> failed(scenes, ex);
		}
		return () -> {
			try {
				float[][] vectors = running.vectors();
				long doneNanos = System.nanoTime();
				double perImageMs = (doneNanos - Math.max(startNanos, this.lastDoneNanos)) / 1e6 / ready.size();
				this.lastDoneNanos = doneNanos;
				List<PreparedImage<T>> outcome = new ArrayList<>(scenes.size());
				int next = 0;
				for (PreparedImage<T> scene : scenes) {
					outcome.add(scene.isReady() ? scene.embedded(vectors[next++], perImageMs) : scene);
				}
				return outcome;
			}
			catch (ClipInferenceException ex) {
				return failed(scenes, ex);
			}
		};
	}

	private static <T> List<PreparedImage<T>> failed(List<PreparedImage<T>> scenes, ClipInferenceException ex) {
		long count = scenes.stream().filter(PreparedImage::isReady).count();
		logger.warn("CLIP inference failed for " + count + " images: " + ex.getMessage());
		ImageFailure.InferenceFailed failure = new ImageFailure.InferenceFailed(ex instanceof ClipTimeoutException,
				ex.getMessage());
		return scenes.stream().map((scene) -> scene.isReady() ? scene.inferenceFailed(failure) : scene).toList();
	}

	/** The next of the two buffers, holding the batch's tensor. */
	private FloatBuffer inputFor(List<PreparedImage<T>> batch) {
		int slot = this.nextBuffer;
		this.nextBuffer = (slot + 1) % this.buffers.length;
		int floats = batch.size() * ClipImagePreprocessor.TENSOR_LENGTH;
		if (this.buffers[slot] == null || this.buffers[slot].capacity() < floats) {
			this.buffers[slot] = ByteBuffer.allocateDirect(floats * Float.BYTES)
				.order(ByteOrder.nativeOrder())
				.asFloatBuffer();
		}
		FloatBuffer input = this.buffers[slot].clear();
		for (PreparedImage<T> scene : batch) {
			ClipImagePreprocessor.normalise(scene.pixels(), input);
			// read only here: the scene keeps the reference until it is embedded, but not its use
			this.levelsBuffers.giveBack(scene.pixels());
		}
		return input.flip();
	}

}
